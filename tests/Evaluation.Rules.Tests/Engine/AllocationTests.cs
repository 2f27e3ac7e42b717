using TalentMesh.Evaluation.Rules.Tests.Support;

namespace TalentMesh.Evaluation.Rules.Tests.Engine;

/// <summary>The hot path the benchmarks measure: evaluating into a reused result allocates nothing.</summary>
public sealed class AllocationTests
{
    [Theory]
    [InlineData(ShippedRuleSets.HighTechZone)]
    [InlineData(ShippedRuleSets.SkilledMigration)]
    public void Evaluate_ReusedResult_AllocatesNothing(string name)
    {
        var compiled = Shipped.Get(name);
        var random = new Random(7);
        var applicants = Enumerable.Range(0, 50).Select(_ => RandomFacts.Create(compiled, random)).ToList();
        var result = compiled.CreateResult();
        foreach (var facts in applicants)
            compiled.Evaluate(facts, result); // warm-up: the first calls compile the code

        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var facts in applicants)
            compiled.Evaluate(facts, result);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}

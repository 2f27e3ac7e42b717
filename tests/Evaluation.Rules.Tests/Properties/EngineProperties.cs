using CsCheck;
using TalentMesh.Evaluation.Rules.Compilation;
using TalentMesh.Evaluation.Rules.Evaluation;
using TalentMesh.Evaluation.Rules.Format;
using TalentMesh.Evaluation.Rules.Model;
using TalentMesh.Evaluation.Rules.Output;
using TalentMesh.Evaluation.Rules.Tests.Support;
using TalentMesh.Evaluation.Rules.Validation;

namespace TalentMesh.Evaluation.Rules.Tests.Properties;

/// <summary>CsCheck draws the seeds; a failure reports the seed, which reproduces the rule set and the facts.</summary>
public sealed class EngineProperties
{
    private const int FactsPerRuleSet = 25;

    [Fact]
    public void Evaluate_RandomRuleSetsAndFacts_BreakdownSumsToTotalAndNoCapIsExceeded()
    {
        var clipped = 0;
        ForRandomRuleSets((compiled, random) =>
        {
            if (AssertInvariants(compiled.Evaluate(RandomFacts.Create(compiled, random))))
                Interlocked.Increment(ref clipped);
        });
        Assert.True(clipped > 0, "no sample reached a cap: the property never checked clipping");
    }

    [Theory]
    [InlineData(ShippedRuleSets.HighTechZone)]
    [InlineData(ShippedRuleSets.SkilledMigration)]
    public void Evaluate_ShippedRuleSetRandomFacts_BreakdownSumsToTotalAndNoCapIsExceeded(string name)
    {
        var compiled = Shipped.Get(name);
        var clipped = 0;
        Gen.Int.Sample(seed =>
        {
            if (AssertInvariants(compiled.Evaluate(RandomFacts.Create(compiled, new Random(seed)))))
                Interlocked.Increment(ref clipped);
        }, iter: 2000);
        Assert.True(clipped > 0, "no sample reached a cap: the property never checked clipping");
    }

    [Fact]
    public void Write_RandomRuleSet_RoundTripsLosslessly()
    {
        Gen.Int.Sample(seed =>
        {
            var random = new Random(seed);
            var ruleSet = ValidRandom(random);
            var written = RuleSetWriter.Write(ruleSet);
            var reread = RuleSetLoader.Parse(written);
            Assert.Equal(written, RuleSetWriter.Write(reread));
            Assert.Equal(ContentHash.Of(ruleSet), ContentHash.Of(reread));
            SameScores.Check(RuleSetCompiler.Compile(ruleSet), RuleSetCompiler.Compile(reread), random, applicants: 5);
        }, iter: 300);
    }

    [Fact]
    public void Evaluate_VetoHolds_NeverAwardsATier()
    {
        var denied = 0;
        ForRandomRuleSets((compiled, random) =>
        {
            var facts = RandomFacts.Create(compiled, random);
            facts.Set(compiled.Fact("b2")!.Slot, 1);
            var result = compiled.Evaluate(facts);
            Assert.True(result.IsVetoed);
            Assert.Null(result.Tier);
            if (WouldHaveATier(result))
                Interlocked.Increment(ref denied);
        });
        Assert.True(denied > 0, "no sample would have reached a tier: the property never checked the veto");
    }

    [Fact]
    public void Evaluate_HighTechZoneBlacklisted_NeverAwardsATier()
    {
        var compiled = Shipped.HighTechZone;
        var denied = 0;
        Gen.Int.Sample(seed =>
        {
            var facts = RandomFacts.Create(compiled, new Random(seed)).Set("credit_blacklisted", true);
            var result = compiled.Evaluate(facts);
            Assert.Null(result.Tier);
            if (WouldHaveATier(result))
                Interlocked.Increment(ref denied);
        }, iter: 1000);
        Assert.True(denied > 0, "no sample would have reached a tier: the property never checked the veto");
    }

    /// <summary>Whether the points or a recognition reach a tier, so that only a veto can take it away.</summary>
    private static bool WouldHaveATier(EvaluationResult result) =>
        result.IsComplete && (result.PointsTier is not null || result.Recognitions.Count > 0);

    /// <summary>Checks <paramref name="check"/> on <see cref="FactsPerRuleSet"/> random applicants of each random rule set.</summary>
    private static void ForRandomRuleSets(Action<CompiledRuleSet, Random> check)
    {
        Gen.Int.Sample(seed =>
        {
            var random = new Random(seed);
            var compiled = RuleSetCompiler.Compile(ValidRandom(random));
            for (var k = 0; k < FactsPerRuleSet; k++)
                check(compiled, random);
        }, iter: 200);
    }

    private static RuleSet ValidRandom(Random random)
    {
        var ruleSet = new RandomRuleSets(random).Create();
        var errors = RuleSetValidator.Validate(ruleSet);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        return ruleSet;
    }

    /// <summary>Asserts the invariants of one result; true when some rule lost points to a cap (the case they guard).</summary>
    private static bool AssertInvariants(EvaluationResult result)
    {
        var ruleSet = result.RuleSet;
        Assert.Equal(result.Total, result.Breakdown.Sum(b => b.Points));
        foreach (var node in ruleSet.Nodes)
        {
            var cap = node.Rule switch
            {
                GroupRule { Cap: { } c } => c,
                CountRule { Cap: { } c } => c,
                _ => (decimal?)null,
            };
            if (cap is not { } limit || result.StatusOf(node.Id) != NodeStatus.Fired)
                continue;
            // What the node keeps after its cap, and what its leaves keep after it, never exceed the cap.
            Assert.True(result.PointsOf(node.Id) <= limit, $"{node.Id}: {result.PointsOf(node.Id)} > cap {limit}");
            var kept = ruleSet.Leaves.Where(l => l.Leaf >= node.LeafStart && l.Leaf < node.LeafEnd)
                .Sum(l => Math.Max(0, Num.Points(result.Stages[ruleSet.StageTop[l.Leaf] - node.Depth])));
            Assert.True(kept <= limit, $"{node.Id}: leaves keep {kept} > cap {limit}");
        }
        if (ruleSet.Source.Cap is { } overall)
            Assert.True(result.Total <= overall);
        // Deductions are never absorbed: a negative rule keeps its points (only its own count cap limits them).
        foreach (var entry in result.Breakdown.Where(b => b.RawPoints < 0))
        {
            var own = ruleSet.Nodes.Single(n => n.Id == entry.RuleId).Rule is CountRule { Cap: { } c } ? Math.Max(entry.RawPoints, -c) : entry.RawPoints;
            Assert.True(entry.Points == own, $"{entry.RuleId}: deduction {own} kept as {entry.Points}");
        }
        // Every group's subtotal after its cap is at most its subtotal before it.
        foreach (var group in result.Groups)
            Assert.True(group.AfterCap <= group.BeforeCap, $"{group.RuleId}: {group.AfterCap} after cap > {group.BeforeCap} before");
        if (result.IsVetoed || !result.IsComplete)
            Assert.Null(result.Tier);
        return result.Breakdown.Any(b => b.ClippedBy is not null);
    }
}

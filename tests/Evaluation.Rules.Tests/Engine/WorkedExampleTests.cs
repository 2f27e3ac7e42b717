using TalentMesh.Evaluation.Rules.Examples;
using TalentMesh.Evaluation.Rules.Tests.Support;

namespace TalentMesh.Evaluation.Rules.Tests.Engine;

/// <summary>The hand-computed examples each shipped rule set carries must come out exactly.</summary>
public sealed class WorkedExampleTests
{
    public static TheoryData<string, string> Examples()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in ShippedRuleSets.Names)
        {
            foreach (var example in Shipped.Get(name).Source.Examples)
                data.Add(name, example.Name);
        }
        return data;
    }

    [Theory]
    [InlineData(ShippedRuleSets.HighTechZone, 8)]
    [InlineData(ShippedRuleSets.SkilledMigration, 5)]
    public void ShippedRuleSet_CarriesItsWorkedExamples(string ruleSet, int count)
    {
        Assert.Equal(count, Shipped.Get(ruleSet).Source.Examples.Count);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Run_WorkedExample_ReproducesExpectedResult(string ruleSet, string example)
    {
        var compiled = Shipped.Get(ruleSet);

        var outcome = RuleSetExamples.Run(compiled).Single(o => o.Name == example);

        Assert.True(outcome.Passed, string.Join(Environment.NewLine, outcome.Problems));
        var data = compiled.Source.Examples.Single(e => e.Name == example);
        var facts = compiled.CreateFactSet();
        foreach (var fact in data.Facts)
            Rules.Evaluation.FactValues.Set(facts, fact.Name, fact.Value, fact.Credentials, path: null);
        var result = compiled.Evaluate(facts);
        Assert.Equal(data.Expected.Total, result.Total);
        Assert.Equal(result.Total, result.Breakdown.Sum(b => b.Points));
    }
}

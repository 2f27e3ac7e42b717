using System.Text.Json;
using TalentMesh.Evaluation.Rules.Evaluation;
using TalentMesh.Evaluation.Rules.Tests.Support;

namespace TalentMesh.Evaluation.Rules.Tests.Engine;

/// <summary>The hand-computed examples in WorkedExamples/*.json must come out exactly.</summary>
public sealed class WorkedExampleTests
{
    public static TheoryData<string, string> Examples()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in ShippedRuleSets.Names)
        {
            foreach (var example in Load(name))
                data.Add(name, example.GetProperty("name").GetString()!);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Evaluate_WorkedExample_ReproducesExpectedResult(string ruleSet, string example)
    {
        var data = Load(ruleSet).Single(e => e.GetProperty("name").GetString() == example);
        var compiled = Shipped.Get(ruleSet);
        var result = compiled.Evaluate(FactsJson.Read(compiled, data.GetProperty("facts")));
        var expected = data.GetProperty("expected");

        Assert.Equal(expected.GetProperty("total").GetDecimal(), result.Total);
        var tier = expected.GetProperty("tier");
        Assert.Equal(tier.ValueKind == JsonValueKind.Null ? null : tier.GetString(), result.Tier?.Id);
        if (expected.TryGetProperty("vetoed", out var vetoed))
            Assert.Equal(vetoed.GetBoolean(), result.IsVetoed);
        if (expected.TryGetProperty("gap", out var gap))
            Assert.Equal(gap.ValueKind == JsonValueKind.Null ? null : gap.GetDecimal(), result.GapToNextTier);
        if (expected.TryGetProperty("points", out var points))
        {
            foreach (var rule in points.EnumerateObject())
                Assert.True(rule.Value.GetDecimal() == Points.Of(result, rule.Name), $"{rule.Name}: expected {rule.Value}, got {Points.Of(result, rule.Name)}");
        }
        Assert.Equal(result.Total, result.Breakdown.Sum(b => b.Points));
    }

    private static List<JsonElement> Load(string ruleSet)
    {
        var json = File.ReadAllText(Shipped.TestFile("WorkedExamples", $"{ruleSet}.json"));
        return JsonDocument.Parse(json).RootElement.GetProperty("examples").EnumerateArray().ToList();
    }
}

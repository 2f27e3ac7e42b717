using TalentMesh.Evaluation.Rules.Examples;
using TalentMesh.Evaluation.Rules.Format;
using TalentMesh.Evaluation.Rules.Tests.Support;

namespace TalentMesh.Evaluation.Rules.Tests.Engine;

public sealed class ExampleTests
{
    private static string WithExamples(string examples) => Mini.Json(
        $$"""{ "id": "per_i", "kind": "count", {{Mini.L}}, "fact": "i", "pointsEach": 2 }""",
        extra: $$""", "examples": [ {{examples}} ]""");

    private const string Passing = """{ "name": "three", "facts": { "i": { "value": 3, "credentials": ["c-1"] } }, "expected": { "total": 6, "tier": "T", "points": { "per_i": 6 } } }""";

    [Fact]
    public void TryParse_PassingExamples_AreKeptInTheModelAndTheHash()
    {
        var (ruleSet, errors) = RuleSetLoader.TryParse(WithExamples(Passing));

        Assert.Empty(errors);
        var example = Assert.Single(ruleSet!.Examples);
        Assert.Equal(("three", 6m, "T"), (example.Name, example.Expected.Total, example.Expected.Tier));
        Assert.NotEqual(ContentHash.Of(ruleSet), ContentHash.Of(RuleSetLoader.Parse(WithExamples(Passing.Replace("\"three\"", "\"drei\"")))));
        Assert.Equal(RuleSetWriter.Write(ruleSet), RuleSetWriter.Write(RuleSetLoader.Parse(RuleSetWriter.Write(ruleSet))));
    }

    [Theory]
    [InlineData("\"total\": 6,", "\"total\": 7,", "$.examples[0].expected.total", "expected total 7, got 6")]
    [InlineData("\"tier\": \"T\"", "\"tier\": null", "$.examples[0].expected.tier", "expected tier none, got T")]
    [InlineData("\"per_i\": 6", "\"per_i\": 5", "$.examples[0].expected.points.per_i", "expected 5 points for rule 'per_i', got 6")]
    [InlineData("\"per_i\": 6", "\"per_j\": 6", "$.examples[0].expected.points.per_j", "unknown rule 'per_j'")]
    [InlineData("\"value\": 3,", "\"value\": 3.5,", "$.examples[0].facts", "fact 'i' ($.examples[0].facts.i): expected an integer, got 3.5")]
    public void TryParse_FailingExample_IsAnErrorNamingTheExampleAndField(string find, string replace, string path, string message)
    {
        var json = WithExamples(Passing.Replace(find, replace, StringComparison.Ordinal));

        var (ruleSet, errors) = RuleSetLoader.TryParse(json);

        Assert.Null(ruleSet);
        var error = Assert.Single(errors);
        Assert.Equal(("example 'three'", path), (error.Subject, error.Path));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Throws<Rules.Validation.RuleSetException>(() => RuleSetLoader.Compile(json));
    }

    [Fact]
    public void Run_SeveralExamples_ReportsEachOne()
    {
        var json = WithExamples(Passing + ", " + Passing.Replace("\"three\"", "\"wrong\"").Replace("\"total\": 6", "\"total\": 1"));
        var (ruleSet, errors) = RuleSetLoader.TryParse(json, checkExamples: false);
        Assert.Empty(errors);

        var outcomes = RuleSetExamples.Run(Compilation.RuleSetCompiler.Compile(ruleSet!));

        Assert.Equal([("three", true), ("wrong", false)], outcomes.Select(o => (o.Name, o.Passed)));
        Assert.Equal(6m, outcomes[1].Total);
    }
}

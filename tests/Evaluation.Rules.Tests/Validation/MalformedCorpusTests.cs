using System.Text.Json;
using TalentMesh.Evaluation.Rules.Tests.Support;

namespace TalentMesh.Evaluation.Rules.Tests.Validation;

/// <summary>Every file in Malformed/ is rejected with an error naming the rule (see Malformed/README.md).</summary>
public sealed class MalformedCorpusTests
{
    public static TheoryData<string> Files() =>
        new(Directory.GetFiles(Shipped.TestFile("Malformed"), "*.json")
            .Where(f => !f.EndsWith(".valid.json", StringComparison.Ordinal))
            .Select(Path.GetFileName).OfType<string>().Order());

    [Fact]
    public void Corpus_HasAtLeastTwentyFiles()
    {
        Assert.True(Files().Count >= 20);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void TryParse_MalformedFile_RejectedWithMessageNamingTheRule(string file)
    {
        var json = File.ReadAllText(Shipped.TestFile("Malformed", file));
        using var document = JsonDocument.Parse(json);
        var subject = document.RootElement.GetProperty("_expectedRule").GetString()!;
        var fragment = document.RootElement.GetProperty("_expectedError").GetString()!;

        var (ruleSet, errors) = RuleSetLoader.TryParse(json);

        Assert.Null(ruleSet);
        Assert.True(errors.Any(e => e.Subject == subject && e.Message.Contains(fragment, StringComparison.Ordinal)),
            $"expected {subject}: …{fragment}…, got:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
    }

    [Fact]
    public void TryParse_BaseOfTheCorpus_IsValid()
    {
        var (ruleSet, errors) = RuleSetLoader.TryParse(File.ReadAllText(Shipped.TestFile("Malformed", "base.valid.json")));

        Assert.Empty(errors);
        Assert.NotNull(ruleSet);
    }

    [Fact]
    public void TryParse_NotJson_ReportsTheLine()
    {
        var (_, errors) = RuleSetLoader.TryParse("{\n  \"id\": ,\n}");

        Assert.Contains("not valid JSON", Assert.Single(errors).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "name": "n", "type": "integer" }""", """{ "max": 30, "maxInclusive": true, "points": 1 }, { "min": 31, "points": 2 }""", true)]
    [InlineData("""{ "name": "n", "type": "number" }""", """{ "max": 30, "maxInclusive": true, "points": 1 }, { "min": 31, "points": 2 }""", false)]
    [InlineData("""{ "name": "n", "type": "number" }""", """{ "max": 30, "maxInclusive": true, "points": 1 }, { "min": 30, "minInclusive": false, "points": 2 }""", true)]
    [InlineData("""{ "name": "n", "type": "number" }""", """{ "max": 30, "maxInclusive": true, "points": 1 }, { "min": 30, "points": 2 }""", false)]
    public void TryParse_AdjacentBands_DependOnFactType(string fact, string bands, bool valid)
    {
        var json = Mini.Json($$"""{ "id": "r", "kind": "band", {{Mini.L}}, "fact": "n", "bands": [ {{bands}} ] }""", facts: fact);

        var (_, errors) = RuleSetLoader.TryParse(json);

        Assert.Equal(valid, errors.Count == 0);
    }

    [Theory]
    [InlineData("\"id\": 5, ", "expected a non-empty string, found the number 5")]
    [InlineData("", "is required")]
    public void TryParse_TierIdMissingOrNotAString_ReportedOnceAndNothingElse(string id, string message)
    {
        var json = Mini.Json($$"""{ "id": "r", "kind": "bonus", {{Mini.L}}, "when": { "fact": "b", "present": true }, "points": 1 }""",
            tiers: $$"""{ {{id}}{{Mini.L}}, "minPoints": 1 }""");

        var (ruleSet, errors) = RuleSetLoader.TryParse(json);

        Assert.Null(ruleSet);
        var error = Assert.Single(errors);
        Assert.Equal(("tier at $.tiers[0]", "$.tiers[0].id"), (error.Subject, error.Path));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("skip, zero")]
    [InlineData("1")]
    [InlineData("-1")]
    public void TryParse_MissingPolicyNotAName_Rejected(string missing)
    {
        var json = Mini.Json($$"""{ "id": "r", "kind": "count", {{Mini.L}}, "fact": "i", "missing": "{{missing}}", "pointsEach": 1 }""");

        var (_, errors) = RuleSetLoader.TryParse(json);

        Assert.Contains(errors, e => e.Path == "$.rules[0].missing" && e.Message.Contains("is not one of: skip, zero, error", StringComparison.Ordinal));
    }
}

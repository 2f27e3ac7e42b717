using System.Text.Json;
using Json.Schema;
using TalentMesh.Evaluation.Rules.Format;
using TalentMesh.Evaluation.Rules.Tests.Support;

namespace TalentMesh.Evaluation.Rules.Tests.Schema;

/// <summary>docs/rules/rule-set.schema.json: what an editor checks and completes as a rule-set file is typed.</summary>
public sealed class RuleSetSchemaTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(File.ReadAllText(Shipped.TestFile("Schema", "rule-set.schema.json"))));

    private static EvaluationResults Check(string json) =>
        Schema.Value.Evaluate(JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip }).RootElement,
            new EvaluationOptions { OutputFormat = OutputFormat.List });

    private static string Errors(EvaluationResults results) => string.Join(Environment.NewLine,
        (results.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));

    [Theory]
    [InlineData(ShippedRuleSets.HighTechZone)]
    [InlineData(ShippedRuleSets.SkilledMigration)]
    public void Schema_ShippedRuleSet_IsValid(string name)
    {
        var json = ShippedRuleSets.Json(name);

        var results = Check(json);

        Assert.True(results.IsValid, Errors(results));
        Assert.Contains("\"$schema\": \"../../../docs/rules/rule-set.schema.json\"", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ShippedRuleSets.HighTechZone)]
    [InlineData(ShippedRuleSets.SkilledMigration)]
    public void Schema_CanonicalForm_IsValid(string name)
    {
        var results = Check(RuleSetWriter.Write(RuleSetLoader.Parse(ShippedRuleSets.Json(name))));

        Assert.True(results.IsValid, Errors(results));
    }

    [Fact]
    public void Schema_RuleSetWithDerivedFactsNamedDefinitionsAndNoTiers_IsValid()
    {
        var json = Mini.Json($$"""
            { "id": "r", "kind": "lookup", {{Mini.L}}, "fact": "c", "table": "t", "when": { "condition": "ok" }, "source": "Annex A" },
            { "id": "s", "kind": "band", {{Mini.L}}, "fact": "low", "bands": [ { "min": 0, "points": 1 } ], "source": { "article": "Art. 2" } }
            """, tiers: "", facts: Mini.Facts + """, { "name": "low", "type": "number", "derived": { "min": ["n", "i"] } }""", extra: """
            , "conditions": { "ok": { "fact": "b", "equals": true } }, "tables": { "t": { "x": 1 } },
              "examples": [ { "name": "e", "facts": { "b": true, "c": "x", "n": null }, "expected": { "total": 1, "tier": null } } ]
            """);
        Assert.Empty(RuleSetLoader.TryParse(json).Errors); // the engine agrees it is valid

        var results = Check(json);

        Assert.True(results.IsValid, Errors(results));
    }

    [Theory]
    [InlineData("band-overlap.json", null)] // the schema cannot see overlapping bands: the engine's validation does
    [InlineData("unknown-kind.json", "/rules/")]
    [InlineData("unknown-field.json", "/rules/")]
    [InlineData("missing-labels.json", "")]
    [InlineData("condition-two-tests.json", "/when")]
    [InlineData("unknown-missing-policy.json", "/missing")]
    public void Schema_MalformedFile_FailsWhereASchemaCanTell(string file, string? location)
    {
        var results = Check(File.ReadAllText(Shipped.TestFile("Malformed", file)));

        if (location is null)
        {
            Assert.True(results.IsValid, Errors(results));
            return;
        }
        Assert.False(results.IsValid);
        Assert.Contains(location, Errors(results), StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_SourceWithUnknownField_Fails()
    {
        var json = Mini.Json($$"""{ "id": "r", "kind": "bonus", {{Mini.L}}, "when": { "fact": "b", "equals": true }, "points": 1, "source": { "doc": "x" } }""");

        Assert.False(Check(json).IsValid);
    }
}

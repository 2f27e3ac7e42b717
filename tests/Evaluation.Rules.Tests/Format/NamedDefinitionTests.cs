using TalentMesh.Evaluation.Rules.Format;
using TalentMesh.Evaluation.Rules.Tests.Support;

namespace TalentMesh.Evaluation.Rules.Tests.Format;

public sealed class NamedDefinitionTests
{
    private static readonly string Inline = Mini.Json($$"""
        { "id": "by_c", "kind": "lookup", {{Mini.L}}, "fact": "c", "table": { "x": 4, "y": 6 },
          "when": { "all": [ { "fact": "b", "equals": true }, { "fact": "i", "min": 3 } ] } },
        { "id": "by_spouse_c", "kind": "lookup", {{Mini.L}}, "fact": "spouse.c", "table": { "x": 4, "y": 6 },
          "when": { "all": [ { "fact": "b", "equals": true }, { "fact": "i", "min": 3 } ] } },
        { "id": "by_n", "kind": "band", {{Mini.L}}, "fact": "n", "bands": [ { "max": 10, "points": 1 }, { "min": 10, "points": 2 } ] }
        """);

    private static readonly string Named = Mini.Json($$"""
        { "id": "by_c", "kind": "lookup", {{Mini.L}}, "fact": "c", "table": "c_points", "when": { "condition": "eligible" } },
        { "id": "by_spouse_c", "kind": "lookup", {{Mini.L}}, "fact": "spouse.c", "table": "c_points", "when": { "condition": "eligible" } },
        { "id": "by_n", "kind": "band", {{Mini.L}}, "fact": "n", "bands": "n_bands" }
        """, extra: """
        , "conditions": { "eligible": { "all": [ { "fact": "b", "equals": true }, { "fact": "i", "min": 3 } ] } },
          "tables": { "c_points": { "y": 6, "x": 4 }, "n_bands": [ { "max": 10, "points": 1 }, { "min": 10, "points": 2 } ] }
        """);

    [Fact]
    public void ContentHash_NamedConditionsAndTables_EqualTheWrittenOutForm()
    {
        Assert.Equal(ContentHash.Of(RuleSetLoader.Parse(Inline)), ContentHash.Of(RuleSetLoader.Parse(Named)));
    }

    [Fact]
    public void Evaluate_NamedConditionAndTable_ScoreLikeTheirInlineForm()
    {
        var named = RuleSetLoader.Compile(Named);

        var result = named.Eval("""{ "b": true, "i": 3, "c": "y", "spouse.c": "x", "n": 12 }""");

        Assert.Equal(12, result.Total);
        Assert.Equal(2, named.Eval("""{ "b": true, "i": 2, "c": "y", "spouse.c": "x", "n": 12 }""").Total);
    }

    [Fact]
    public void ContentHash_LookupEntriesReordered_Unchanged()
    {
        var original = ShippedRuleSets.Json(ShippedRuleSets.HighTechZone);
        var reordered = original.Replace(
            "\"table\": { \"executive\": 20, \"shareholder_10pct\": 20, \"core_technical\": 10 }",
            "\"table\": { \"core_technical\": 10, \"shareholder_10pct\": 20, \"executive\": 20 }");
        Assert.NotEqual(original, reordered); // the table really moved

        Assert.Equal(ContentHash.Of(RuleSetLoader.Parse(original)), ContentHash.Of(RuleSetLoader.Parse(reordered)));
    }

    [Fact]
    public void TryParse_ErrorInANamedCondition_ReportedOnceWhereItIsDefined()
    {
        var json = Named.Replace("{ \"fact\": \"i\", \"min\": 3 }", "{ \"fact\": \"salary\", \"min\": 3 }");

        var (_, errors) = RuleSetLoader.TryParse(json);

        var error = Assert.Single(errors);
        Assert.Equal(("condition 'eligible'", "$.conditions.eligible.all[1].fact"), (error.Subject, error.Path));
        Assert.Contains("unknown fact 'salary'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"condition\": \"eligible\"", "\"condition\": \"elegible\"", "unknown condition 'elegible' (named conditions: eligible)")]
    [InlineData("\"table\": \"c_points\", \"when\"", "\"table\": \"c_pts\", \"when\"", "unknown table 'c_pts' (named tables: c_points, n_bands)")]
    [InlineData("\"bands\": \"n_bands\"", "\"bands\": \"c_points\"", "table 'c_points' is an object; bands needs an array of bands")]
    public void TryParse_UnknownOrMismatchedName_NamesTheChoices(string find, string replace, string fragment)
    {
        var (_, errors) = RuleSetLoader.TryParse(Named.Replace(find, replace));

        Assert.Contains(errors, e => e.Message.Contains(fragment, StringComparison.Ordinal));
    }

    [Fact]
    public void TryParse_ConditionReferringToItself_IsAnError()
    {
        var json = Mini.Json($$"""{ "id": "r", "kind": "bonus", {{Mini.L}}, "when": { "condition": "loop" }, "points": 1 }""",
            extra: """, "conditions": { "loop": { "not": { "condition": "loop" } } }""");

        var (_, errors) = RuleSetLoader.TryParse(json);

        Assert.Contains(errors, e => e.Message.Contains("condition 'loop' refers to itself", StringComparison.Ordinal));
    }
}

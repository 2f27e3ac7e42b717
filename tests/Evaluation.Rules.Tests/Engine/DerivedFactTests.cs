using TalentMesh.Evaluation.Rules.Evaluation;
using TalentMesh.Evaluation.Rules.Explanation;
using TalentMesh.Evaluation.Rules.Tests.Support;

namespace TalentMesh.Evaluation.Rules.Tests.Engine;

public sealed class DerivedFactTests
{
    private const string Abilities = """
        { "name": "reading", "type": "integer", "min": 0, "max": 12 },
        { "name": "writing", "type": "integer", "min": 0, "max": 12 },
        { "name": "listening", "type": "integer", "min": 0, "max": 12 },
        { "name": "speaking", "type": "integer", "min": 0, "max": 12, "explain": "increase" },
        { "name": "degree", "type": "category", "values": ["bachelor", "master"] },
        { "name": "lowest_ability", "type": "integer", "derived": { "min": ["reading", "writing", "listening", "speaking"] } },
        { "name": "ability_sum", "type": "integer", "derived": { "sum": ["reading", "writing"], "missing": "zero" } }
        """;

    private const string AllFour = """{ "reading": 9, "writing": 8, "listening": 7, "speaking": 10 }""";

    private static Compilation.CompiledRuleSet Compile(string rules) => Mini.Compile(rules, facts: Abilities);

    [Fact]
    public void Evaluate_DerivedFactInCondition_TestsTheLowestOfFour()
    {
        var ruleSet = Compile($$"""{ "id": "all7", "kind": "bonus", {{Mini.L}}, "when": { "fact": "lowest_ability", "min": 7 }, "points": 5 }""");

        Assert.Equal(5, ruleSet.Eval(AllFour).Total);
        Assert.Equal(0, ruleSet.Eval("""{ "reading": 9, "writing": 8, "listening": 6, "speaking": 10 }""").Total);
    }

    [Fact]
    public void Evaluate_DerivedFactAsBandInputAndGridAxis_ScoresLikeAnyFact()
    {
        var ruleSet = Compile($$"""
            { "id": "language", "kind": "band", {{Mini.L}}, "fact": "lowest_ability",
              "bands": [ { "max": 7, "points": 0 }, { "min": 7, "max": 9, "points": 10 }, { "min": 9, "points": 20 } ] },
            { "id": "degree_x_language", "kind": "grid", {{Mini.L}},
              "rows": { "fact": "degree", "values": ["bachelor", "master"] },
              "columns": { "fact": "lowest_ability", "bands": [ { "min": 0, "max": 7 }, { "min": 7 } ] },
              "cells": [ [0, 13], [0, 25] ] }
            """);

        var result = ruleSet.Eval("""{ "reading": 9, "writing": 8, "listening": 7, "speaking": 10, "degree": "master" }""");

        Assert.Equal(35, result.Total);
        var language = result.Breakdown.Single(b => b.RuleId == "language");
        Assert.Equal(["lowest_ability", "reading", "writing", "listening", "speaking"], language.Facts.Select(f => f.Fact));
        Assert.Equal("7", language.Facts[0].Value);
    }

    [Fact]
    public void Evaluate_DerivedFactWithAMissingInput_IsNotProvidedAndNamesTheInput()
    {
        var ruleSet = Compile($$"""
            { "id": "language", "kind": "band", {{Mini.L}}, "fact": "lowest_ability", "bands": [ { "min": 0, "points": 1 } ] }
            """);

        var result = ruleSet.Eval("""{ "reading": 9, "writing": 8, "listening": 7 }""");

        Assert.Equal(0, result.Total);
        Assert.Equal(["speaking"], result.NotProvidedFacts);
    }

    [Fact]
    public void Evaluate_SumWithMissingZero_CountsAnAbsentInputAsZero()
    {
        var ruleSet = Compile($$"""{ "id": "sum", "kind": "count", {{Mini.L}}, "fact": "ability_sum", "pointsEach": 1 }""");

        Assert.Equal(9, ruleSet.Eval("""{ "reading": 9 }""").Total);
        Assert.Equal(17, ruleSet.Eval("""{ "reading": 9, "writing": 8 }""").Total);
    }

    [Fact]
    public void Explain_DerivedFactThreshold_SuggestsRaisingTheLowestInput()
    {
        var ruleSet = Compile($$"""{ "id": "all8", "kind": "bonus", {{Mini.L}}, "when": { "fact": "lowest_ability", "min": 8 }, "points": 5 }""");

        var explanation = Explainer.Explain(ruleSet, FactsJson.Read(ruleSet, AllFour));

        Assert.Equal("8", explanation.Suggestions.Single(s => s.Fact == "listening").To);
        Assert.DoesNotContain(explanation.Suggestions, s => s.Fact == "lowest_ability");
    }

    [Fact]
    public void Read_DerivedFactGivenAsInput_IsRejected()
    {
        var ruleSet = Compile($$"""{ "id": "all7", "kind": "bonus", {{Mini.L}}, "when": { "fact": "lowest_ability", "min": 7 }, "points": 5 }""");

        var error = Assert.Throws<FactsException>(() => FactsJson.Read(ruleSet, """{ "lowest_ability": 9 }"""));

        Assert.Contains("fact 'lowest_ability' ($.lowest_ability) is derived (min of reading, writing, listening, speaking)", Assert.Single(error.Errors), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "name": "d", "type": "integer", "derived": { "min": ["n", "i"] } }""", "'n' is a number, so an integer fact cannot be derived from it")]
    [InlineData("""{ "name": "d", "type": "number", "derived": { "min": ["c"] } }""", "'c' is a category")]
    [InlineData("""{ "name": "d", "type": "number", "derived": { "max": ["nope"] } }""", "unknown fact 'nope'")]
    [InlineData("""{ "name": "d", "type": "number", "derived": { "max": ["n"], "sum": ["i"] } }""", "needs exactly one of min, max, sum")]
    [InlineData("""{ "name": "d", "type": "number", "derived": { "max": ["n"] } }, { "name": "e", "type": "number", "derived": { "max": ["d"] } }""", "'d' is itself derived")]
    public void TryParse_BadDerivation_ReportsPreciseError(string derived, string fragment)
    {
        var json = Mini.Json($$"""{ "id": "r", "kind": "count", {{Mini.L}}, "fact": "i", "pointsEach": 1 }""", facts: Mini.Facts + ", " + derived);

        var (_, errors) = RuleSetLoader.TryParse(json);

        Assert.Contains(errors, e => e.Subject.StartsWith("fact '", StringComparison.Ordinal) && e.Message.Contains(fragment, StringComparison.Ordinal));
    }
}

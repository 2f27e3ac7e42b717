using TalentMesh.Evaluation.Rules.Tests.Support;

namespace TalentMesh.Evaluation.Rules.Tests.Engine;

public sealed class GroupTests
{
    private static readonly string Knowledge = $$"""
        { "id": "g", "kind": "group", {{Mini.L}}, "cap": 10, "items": [
          { "id": "best", "kind": "group", "combine": "max", {{Mini.L}}, "items": [
            { "id": "by_c", "kind": "lookup", {{Mini.L}}, "fact": "c", "table": { "x": 4, "y": 6, "z": 8 } },
            { "id": "by_i", "kind": "band", {{Mini.L}}, "fact": "i", "bands": [ { "min": 0, "points": 6 } ] } ] },
          { "id": "bonus_b", "kind": "bonus", {{Mini.L}}, "when": { "fact": "b", "equals": true }, "points": 3 },
          { "id": "bonus_b2", "kind": "bonus", {{Mini.L}}, "when": { "fact": "b2", "equals": true }, "points": 2 } ] }
        """;

    [Fact]
    public void Evaluate_HighestOf_KeepsOnlyTheBestItem()
    {
        var result = Mini.Compile(Knowledge).Eval("""{ "c": "z", "i": 1 }""");

        Assert.Equal(8, result.Total);
        var discarded = result.Breakdown.Single(b => b.RuleId == "by_i");
        Assert.Equal(6, discarded.RawPoints);
        Assert.Equal(0, discarded.Points);
        Assert.Equal("best", discarded.ClippedBy);
    }

    [Fact]
    public void Evaluate_HighestOfTie_FirstListedWins()
    {
        var result = Mini.Compile(Knowledge).Eval("""{ "c": "y", "i": 1 }""");

        Assert.Equal(6, result.FinalPointsOf("by_c"));
        Assert.Equal(0, result.FinalPointsOf("by_i"));
    }

    [Theory]
    [InlineData("""{ "c": "y", "b": true }""", 9, null)]
    [InlineData("""{ "c": "z", "b2": true }""", 10, null)]
    [InlineData("""{ "c": "z", "b": true }""", 10, "bonus_b")]
    public void Evaluate_BonusesInsideCap_ClipLastItemsFirst(string facts, int total, string? clipped)
    {
        var result = Mini.Compile(Knowledge).Eval(facts);

        Assert.Equal(total, result.Total);
        var clippedRules = result.Breakdown.Where(b => b.ClippedBy == "g").Select(b => b.RuleId).ToList();
        Assert.Equal(clipped is null ? [] : [clipped], clippedRules);
    }

    [Fact]
    public void Evaluate_CapClipsTwoItems_StagesShowPointsAfterEachCap()
    {
        var result = Mini.Compile(Knowledge).Eval("""{ "c": "z", "b": true, "b2": true }""");

        // 8 + 3 + 2 = 13 over the cap of 10: b2 loses 2, then b loses 1.
        var b = result.Breakdown.Single(e => e.RuleId == "bonus_b");
        var b2 = result.Breakdown.Single(e => e.RuleId == "bonus_b2");
        Assert.Equal((3m, 2m, "g"), (b.RawPoints, b.Points, b.ClippedBy));
        Assert.Equal((2m, 0m, "g"), (b2.RawPoints, b2.Points, b2.ClippedBy));
        Assert.Equal([new("g", 2m)], b.Stages);
        Assert.Equal(["total", "g"], b.Path);
    }

    [Fact]
    public void Evaluate_DeductionInsideCappedGroup_AppliesAfterTheCap()
    {
        var ruleSet = Mini.Compile($$"""
            { "id": "g", "kind": "group", {{Mini.L}}, "cap": 10, "items": [
              { "id": "plus", "kind": "count", {{Mini.L}}, "fact": "i", "pointsEach": 5, "cap": 10 },
              { "id": "minus", "kind": "bonus", {{Mini.L}}, "when": { "fact": "b", "equals": true }, "points": -4 },
              { "id": "more", "kind": "bonus", {{Mini.L}}, "when": { "fact": "b2", "equals": true }, "points": 5 } ] }
            """);

        // 10 + 5 positive, capped to 10, then the -4 deduction: 6 (not min(11, 10) = 10).
        var result = ruleSet.Eval("""{ "i": 2, "b": true, "b2": true }""");

        Assert.Equal(6, result.Total);
        Assert.Equal(-4, result.FinalPointsOf("minus"));
        Assert.Equal(result.Total, result.Breakdown.Sum(e => e.Points));
    }

    [Fact]
    public void Evaluate_DeductionNestedInUncappedGroup_IsNotAbsorbedByOuterCap()
    {
        var ruleSet = Mini.Compile($$"""
            { "id": "plus", "kind": "count", {{Mini.L}}, "fact": "i", "pointsEach": 10, "cap": 20 },
            { "id": "inner", "kind": "group", {{Mini.L}}, "items": [
              { "id": "more", "kind": "bonus", {{Mini.L}}, "when": { "fact": "b", "equals": true }, "points": 20 },
              { "id": "minus", "kind": "bonus", {{Mini.L}}, "when": { "fact": "b2", "equals": true }, "points": -20 } ] }
            """, extra: """, "cap": 31""");

        // 20 + 20 positive is capped to 31 overall, then the nested deduction: 11 (not 20 + (20 - 20) = 20).
        var result = ruleSet.Eval("""{ "i": 2, "b": true, "b2": true }""");

        Assert.Equal(11, result.Total);
        Assert.Equal(result.Total, result.Breakdown.Sum(e => e.Points));
    }

    [Fact]
    public void Evaluate_CappedHighestOf_ClipsTheBestItemOnly()
    {
        var ruleSet = Mini.Compile($$"""
            { "id": "best", "kind": "group", "combine": "max", "cap": 25, {{Mini.L}}, "items": [
              { "id": "a", "kind": "count", {{Mini.L}}, "fact": "u", "pointsEach": 1 },
              { "id": "z", "kind": "count", {{Mini.L}}, "fact": "u", "pointsEach": 1, "cap": 20 } ] }
            """, facts: Mini.Facts + """, { "name": "u", "type": "integer" }""");

        // An unbounded item can exceed a highest-of cap; only the best item may lose points, never a discarded one.
        var result = ruleSet.Eval("""{ "u": 28 }""");

        Assert.Equal(25, result.Total);
        Assert.Equal((25m, "best"), (result.FinalPointsOf("a"), result.Breakdown.Single(b => b.RuleId == "a").ClippedBy));
        Assert.Equal(result.Total, result.Breakdown.Sum(e => e.Points));
    }

    [Fact]
    public void Evaluate_OverallCap_ClipsTheTotal()
    {
        var ruleSet = Mini.Compile($$"""
            { "id": "a", "kind": "count", {{Mini.L}}, "fact": "i", "pointsEach": 1, "cap": 40 },
            { "id": "z", "kind": "count", {{Mini.L}}, "fact": "i", "pointsEach": 1, "cap": 40 }
            """, extra: """, "cap": 50""");

        var result = ruleSet.Eval("""{ "i": 30 }""");

        Assert.Equal(50, result.Total);
        var last = result.Breakdown.Single(b => b.RuleId == "z");
        Assert.Equal((30m, 20m, "total"), (last.RawPoints, last.Points, last.ClippedBy));
        Assert.Equal([new("z", 30m), new("total", 20m)], last.Stages);
    }

    [Theory]
    [InlineData(24, 48)]
    [InlineData(25, 50)]
    [InlineData(26, 50)]
    public void Evaluate_OverallCapEdges_NeverExceeded(int value, int expected)
    {
        var ruleSet = Mini.Compile($$"""
            { "id": "a", "kind": "count", {{Mini.L}}, "fact": "i", "pointsEach": 1, "cap": 30 },
            { "id": "z", "kind": "count", {{Mini.L}}, "fact": "i", "pointsEach": 1, "cap": 30 }
            """, extra: """, "cap": 50""");

        Assert.Equal(expected, ruleSet.Eval($$"""{ "i": {{value}} }""").Total);
    }

    [Fact]
    public void Evaluate_GuardedGroupFalse_NothingInsideFires()
    {
        var ruleSet = Mini.Compile($$"""
            { "id": "g", "kind": "group", {{Mini.L}}, "when": { "fact": "b", "equals": true }, "items": [
              { "id": "a", "kind": "count", {{Mini.L}}, "fact": "i", "pointsEach": 1 } ] }
            """);

        Assert.Equal(0, ruleSet.Eval("""{ "i": 5, "b": false }""").Total);
        Assert.Empty(ruleSet.Eval("""{ "i": 5 }""").Breakdown);
        Assert.Equal(5, ruleSet.Eval("""{ "i": 5, "b": true }""").Total);
    }
}

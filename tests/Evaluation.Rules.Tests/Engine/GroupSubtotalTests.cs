using TalentMesh.Evaluation.Rules.Tests.Support;

namespace TalentMesh.Evaluation.Rules.Tests.Engine;

public sealed class GroupSubtotalTests
{
    private static readonly string HighestWithDeduction = $$"""
        { "id": "best", "kind": "group", "combine": "max", {{Mini.L}}, "items": [
          { "id": "award", "kind": "bonus", {{Mini.L}}, "when": { "fact": "b", "equals": true }, "points": 8 },
          { "id": "penalty", "kind": "bonus", {{Mini.L}}, "when": { "fact": "b2", "equals": true }, "points": -5 } ] }
        """;

    [Fact]
    public void Evaluate_DeductionInHighestOf_IsNotBeatenByARuleThatDidNotApply()
    {
        var result = Mini.Compile(HighestWithDeduction).Eval("""{ "b": false, "b2": true }""");

        // "award" does not apply (0) and must not outrank the -5: deductions are never absorbed.
        Assert.Equal(-5, result.Total);
        Assert.Equal(-5, result.FinalPointsOf("penalty"));
        Assert.Equal(result.Total, result.Breakdown.Sum(e => e.Points));
    }

    [Fact]
    public void Evaluate_DeductionInHighestOf_StandsBesideTheBestItem()
    {
        var result = Mini.Compile(HighestWithDeduction).Eval("""{ "b": true, "b2": true }""");

        Assert.Equal(3, result.Total);
        Assert.Equal((8m, -5m), (result.FinalPointsOf("award"), result.FinalPointsOf("penalty")));
    }

    [Fact]
    public void Groups_CappedGroup_CarryTheirSubtotalBeforeAndAfterTheCap()
    {
        var ruleSet = Mini.Compile($$"""
            { "id": "g", "kind": "group", {{Mini.L}}, "cap": 10, "items": [
              { "id": "plus", "kind": "count", {{Mini.L}}, "fact": "i", "pointsEach": 4 },
              { "id": "minus", "kind": "bonus", {{Mini.L}}, "when": { "fact": "b", "equals": true }, "points": -3 } ] }
            """);

        var result = ruleSet.Eval("""{ "i": 4, "b": true }""");

        var groups = result.Groups.ToDictionary(g => g.RuleId);
        Assert.Equal((13m, 10m, 7m), (groups["g"].BeforeCap, groups["g"].Cap!.Value, groups["g"].AfterCap));
        Assert.Equal((7m, 7m), (groups["total"].BeforeCap, groups["total"].AfterCap));
        Assert.Equal(["total"], groups["g"].Path);
        Assert.Equal("total", result.Groups[0].RuleId);
    }

    [Fact]
    public void TryParse_GroupCapOverUncappedCount_IsAllowed()
    {
        // The count alone could earn 4 × 100 = 400; bounding that sum is what the group cap is for.
        var json = Mini.Json($$"""
            { "id": "g", "kind": "group", {{Mini.L}}, "cap": 100, "items": [
              { "id": "plus", "kind": "count", {{Mini.L}}, "fact": "i", "pointsEach": 4 } ] }
            """);

        var (ruleSet, errors) = RuleSetLoader.TryParse(json);

        Assert.Empty(errors);
        Assert.Equal(100, RuleSetLoader.Compile(json).Eval("""{ "i": 100 }""").Total);
        Assert.NotNull(ruleSet);
    }

    [Fact]
    public void TryParse_GroupCapBelowOneOccurrence_IsStillAnError()
    {
        var json = Mini.Json($$"""
            { "id": "g", "kind": "group", {{Mini.L}}, "cap": 3, "items": [
              { "id": "plus", "kind": "count", {{Mini.L}}, "fact": "i", "pointsEach": 4 } ] }
            """);

        var (_, errors) = RuleSetLoader.TryParse(json);

        var error = Assert.Single(errors);
        Assert.Equal(("rule 'g'", "$.rules[0].cap"), (error.Subject, error.Path));
        Assert.Contains("cap 3 is below the 4 points that item 'plus' states", error.Message, StringComparison.Ordinal);
    }
}

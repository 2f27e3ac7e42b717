using TalentMesh.Evaluation.Rules.Evaluation;
using TalentMesh.Evaluation.Rules.Explanation;
using TalentMesh.Evaluation.Rules.Tests.Support;

namespace TalentMesh.Evaluation.Rules.Tests.Engine;

/// <summary>A ranking scheme has no pass mark: no tiers, and the explainer aims at a target score instead.</summary>
public sealed class RankingTests
{
    private static readonly string Rules = $$"""
        { "id": "by_n", "kind": "band", {{Mini.L}}, "fact": "n", "bands": [ { "max": 50, "points": 10 }, { "min": 50, "points": 40 } ] },
        { "id": "per_i", "kind": "count", {{Mini.L}}, "fact": "i", "pointsEach": 2 }
        """;

    private static Compilation.CompiledRuleSet Ranking() => Mini.Compile(Rules, tiers: "");

    [Fact]
    public void Evaluate_NoTiers_ReportsTheTotalAndNoTier()
    {
        var result = Ranking().Eval("""{ "n": 20, "i": 10 }""");

        Assert.Equal(30, result.Total);
        Assert.Null(result.Tier);
        Assert.Null(result.NextTier);
        Assert.Null(result.GapToNextTier);
    }

    [Fact]
    public void Explain_Target_SuggestsTheSmallestChangeReachingIt()
    {
        var ruleSet = Ranking();

        var explanation = Explainer.Explain(ruleSet, FactsJson.Read(ruleSet, """{ "n": 20, "i": 10 }"""), target: 50);

        Assert.Equal((50m, 20m), (explanation.Target!.Value, explanation.Gap!.Value));
        Assert.Equal("50", explanation.Suggestions.Single(s => s.Fact == "n").To);
        Assert.Equal("20", explanation.Suggestions.Single(s => s.Fact == "i").To);
        Assert.All(explanation.Suggestions, s => Assert.True(s.Total >= 50));
    }

    [Fact]
    public void Explain_TargetAlreadyReached_SuggestsNothing()
    {
        var ruleSet = Ranking();

        var explanation = Explainer.Explain(ruleSet, FactsJson.Read(ruleSet, """{ "n": 60 }"""), target: 40);

        Assert.Equal(0m, explanation.Gap);
        Assert.Empty(explanation.Suggestions);
    }
}

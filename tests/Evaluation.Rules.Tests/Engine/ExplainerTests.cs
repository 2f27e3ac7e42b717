using TalentMesh.Evaluation.Rules.Evaluation;
using TalentMesh.Evaluation.Rules.Explanation;
using TalentMesh.Evaluation.Rules.Tests.Support;

namespace TalentMesh.Evaluation.Rules.Tests.Engine;

public sealed class ExplainerTests
{
    private static Explanation.Explanation Explain(string facts) =>
        Explainer.Explain(Shipped.HighTechZone, FactsJson.Read(Shipped.HighTechZone, facts));

    [Fact]
    public void Explain_JustBelowE_SuggestsTheNearestIncomeEdge()
    {
        var explanation = Explain("""
            { "age": 45, "education": "bachelor_degree", "professional_title": "intermediate", "employer_type": "other_in_zone",
              "position": "other", "income_multiple": 1.49, "invention_patents": 1, "social_insurance_months": 60 }
            """);

        Assert.Equal((55m, "E", 5m), (explanation.Total, explanation.NextTier, explanation.Gap));
        var income = explanation.Suggestions.Single(s => s.Fact == "income_multiple");
        Assert.Equal(("1.49", "1.5", 60m, "E"), (income.From, income.To, income.Total, income.Tier));
        var patents = explanation.Suggestions.Single(s => s.Fact == "invention_patents");
        Assert.Equal("2", patents.To);
        Assert.DoesNotContain(explanation.Suggestions, s => s.Fact is "age" or "credit_blacklisted");
    }

    [Fact]
    public void Explain_D14PointsShort_OnlyChangesReachingCAreSuggested()
    {
        var explanation = Explain("""
            { "age": 29, "education": "doctor", "professional_title": "intermediate", "returnee_or_foreign": true,
              "double_first_class_graduate": true, "years_since_graduation": 2, "employer_type": "hightech_enterprise",
              "position": "core_technical", "income_multiple": 2.5, "invention_patents": 3, "award_level": "provincial",
              "social_insurance_months": 40 }
            """);

        Assert.Equal(14m, explanation.Gap);
        Assert.All(explanation.Suggestions, s => Assert.True(s.Tier is "A" or "B" or "C"));
        Assert.Equal("5", explanation.Suggestions.Single(s => s.Fact == "income_multiple").To);
        Assert.Equal("provincial", explanation.Suggestions.Single(s => s.Fact == "talent_program").To);
        Assert.DoesNotContain(explanation.Suggestions, s => s.Fact is "award_level" or "professional_title");
        Assert.Equal(explanation.Suggestions.OrderBy(s => s.Gain).ToList(), explanation.Suggestions);
    }

    [Fact]
    public void Explain_MissingFact_SuggestsProvidingIt()
    {
        var explanation = Explain("""{ "age": 40, "professional_title": "senior", "employer_type": "little_giant" }""");

        // 10 + 30 + 20 = 60 is E; D needs 40 more: a national award (30) is not enough, income 5x (30) neither.
        Assert.Equal(("E", "D", 40m), (explanation.Tier, explanation.NextTier, explanation.Gap));
        Assert.Contains(explanation.Suggestions, s => s.Fact == "talent_program");
        Assert.DoesNotContain(explanation.Suggestions, s => s.Fact == "income_multiple");
        Assert.Contains("income_multiple", explanation.NotProvided);
        Assert.DoesNotContain("income", explanation.NotProvided); // facts, not rule ids
    }

    [Fact]
    public void Explain_TopTier_HasNoNextTier()
    {
        var explanation = Explain("""{ "talent_program": "world_class" }""");

        Assert.Null(explanation.NextTier);
        Assert.Empty(explanation.Suggestions);
    }
}

using TalentMesh.Evaluation.Rules.Tests.Support;

namespace TalentMesh.Evaluation.Rules.Tests.Engine;

public sealed class LookupAndCountTests
{
    [Theory]
    [InlineData("junior_college", 5)]
    [InlineData("bachelor", 10)]
    [InlineData("bachelor_degree", 15)]
    [InlineData("master", 20)]
    [InlineData("doctor", 25)]
    public void Evaluate_EducationLookup_ScoresEveryValue(string education, int expected)
    {
        var result = Shipped.HighTechZone.Eval($$"""{ "education": "{{education}}" }""");

        Assert.Equal(expected, result.PointsOf("education"));
    }

    [Fact]
    public void Evaluate_UnlistedCategoryValue_FiresWithZero()
    {
        var result = Shipped.HighTechZone.Eval("""{ "position": "other" }""");

        Assert.Equal(0, result.PointsOf("position"));
        Assert.Contains(result.Breakdown, b => b.RuleId == "position");
    }

    [Fact]
    public void Evaluate_BooleanLookup_UsesTrueFalseKeys()
    {
        var ruleSet = Mini.Compile($$"""{ "id": "r", "kind": "lookup", {{Mini.L}}, "fact": "b", "table": { "true": 3, "false": 1 } }""");

        Assert.Equal(3, ruleSet.Eval("""{ "b": true }""").Total);
        Assert.Equal(1, ruleSet.Eval("""{ "b": false }""").Total);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 5)]
    [InlineData(3, 15)]
    [InlineData(4, 20)]
    [InlineData(5, 20)]
    [InlineData(1000, 20)]
    public void Evaluate_PatentCount_CapsAtTwenty(int patents, int expected)
    {
        var result = Shipped.HighTechZone.Eval($$"""{ "invention_patents": {{patents}} }""");

        Assert.Equal(expected, result.PointsOf("invention_patents"));
        Assert.Equal(patents > 4 ? "invention_patents" : null, result.Breakdown.Single(b => b.RuleId == "invention_patents").ClippedBy);
    }

    [Theory]
    [InlineData(5, 0)]
    [InlineData(6, 1)]
    [InlineData(11, 1)]
    [InlineData(12, 2)]
    [InlineData(59, 9)]
    [InlineData(60, 10)]
    [InlineData(66, 10)]
    [InlineData(600, 10)]
    public void Evaluate_SocialInsurance_OnePointPerFullSixMonths(int months, int expected)
    {
        var result = Shipped.HighTechZone.Eval($$"""{ "social_insurance_months": {{months}} }""");

        Assert.Equal(expected, result.PointsOf("social_insurance"));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, -50)]
    [InlineData(3, -150)]
    public void Evaluate_Deduction_SubtractsPerOccurrence(int occurrences, int expected)
    {
        var result = Shipped.HighTechZone.Eval($$"""{ "falsified_materials": {{occurrences}} }""");

        Assert.Equal(expected, result.Total);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(24, 0)]
    [InlineData(35, 0)]
    [InlineData(36, 3)]
    [InlineData(47, 3)]
    [InlineData(48, 6)]
    public void Evaluate_CountFrom_CountsOnlyBeyondTheThreshold(int months, int expected)
    {
        var ruleSet = Mini.Compile($$"""{ "id": "r", "kind": "count", {{Mini.L}}, "fact": "i", "from": 24, "per": 12, "pointsEach": 3 }""",
            tiers: $$"""{ "id": "T", {{Mini.L}}, "minPoints": 0 }""");

        Assert.Equal(expected, ruleSet.Eval($$"""{ "i": {{months}} }""").Total);
    }

    [Fact]
    public void Evaluate_FractionalPer_DividesExactly()
    {
        var ruleSet = Mini.Compile($$"""{ "id": "r", "kind": "count", {{Mini.L}}, "fact": "n", "per": 0.1, "pointsEach": 1 }""");

        Assert.Equal(3, ruleSet.Eval("""{ "n": 0.3 }""").Total);
        Assert.Equal(2, ruleSet.Eval("""{ "n": 0.29 }""").Total);
    }

    [Fact]
    public void Evaluate_NegativeCountWithCap_LimitsTheDeduction()
    {
        var ruleSet = Mini.Compile($$"""{ "id": "r", "kind": "count", {{Mini.L}}, "fact": "i", "pointsEach": -10, "cap": 25 }""",
            tiers: $$"""{ "id": "T", {{Mini.L}}, "minPoints": 0 }""");

        Assert.Equal(-20, ruleSet.Eval("""{ "i": 2 }""").Total);
        Assert.Equal(-25, ruleSet.Eval("""{ "i": 3 }""").Total);
    }

    [Fact]
    public void Evaluate_FractionalPoints_KeepThousandths()
    {
        var ruleSet = Mini.Compile($$"""{ "id": "r", "kind": "count", {{Mini.L}}, "fact": "i", "pointsEach": 0.125 }""");

        Assert.Equal(1.375m, ruleSet.Eval("""{ "i": 11 }""").Total);
    }
}

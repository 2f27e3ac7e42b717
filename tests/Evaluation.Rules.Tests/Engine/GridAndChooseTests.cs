using TalentMesh.Evaluation.Rules.Evaluation;
using TalentMesh.Evaluation.Rules.Tests.Support;

namespace TalentMesh.Evaluation.Rules.Tests.Engine;

public sealed class GridAndChooseTests
{
    [Theory]
    [InlineData("bachelors", 6, 0)]
    [InlineData("bachelors", 7, 13)]
    [InlineData("bachelors", 8, 13)]
    [InlineData("bachelors", 9, 25)]
    [InlineData("masters", 7, 25)]
    [InlineData("masters", 12, 50)]
    [InlineData("secondary", 12, 0)]
    public void Evaluate_EducationByLanguageGrid_CategoricalRowsBandedColumns(string education, int clb, int expected)
    {
        var result = Shipped.SkilledMigration.Eval($$"""{ "education": "{{education}}", "clb": {{clb}} }""");

        Assert.Equal(expected, result.FinalPointsOf("education_x_language"));
    }

    [Theory]
    [InlineData(0, 2, 0)]
    [InlineData(1, 1, 13)]
    [InlineData(2, 1, 13)]
    [InlineData(3, 1, 25)]
    [InlineData(2, 2, 25)]
    [InlineData(3, 2, 50)]
    public void Evaluate_TwoBandedAxes_PicksTheCell(int foreign, int domestic, int expected)
    {
        var result = Shipped.SkilledMigration.Eval($$"""{ "foreign_experience_years": {{foreign}}, "canadian_experience_years": {{domestic}} }""");

        Assert.Equal(expected, result.PointsOf("foreign_experience_x_domestic_experience"));
    }

    [Fact]
    public void Evaluate_SharedCapOverTwoGrids_ClipsTheLaterGrid()
    {
        var result = Shipped.SkilledMigration.Eval("""{ "education": "masters", "clb": 9, "canadian_experience_years": 2 }""");

        Assert.Equal(50, result.PointsOf("education_transferability"));
        var later = result.Breakdown.Single(b => b.RuleId == "education_x_domestic_experience");
        Assert.Equal((50m, 0m, "education_transferability"), (later.RawPoints, later.Points, later.ClippedBy));
    }

    [Theory]
    [InlineData("""{ "french_nclc": 7 }""", 25)]
    [InlineData("""{ "french_nclc": 7, "clb": 4 }""", 25)]
    [InlineData("""{ "french_nclc": 7, "clb": 5 }""", 50)]
    [InlineData("""{ "french_nclc": 6, "clb": 9 }""", 0)]
    [InlineData("""{ "clb": 9 }""", 0)]
    public void Evaluate_GridWithMissingZero_ReadsAbsentFactsAsZero(string facts, int expected)
    {
        var result = Shipped.SkilledMigration.Eval(facts);

        Assert.Equal(expected, result.PointsOf("french"));
        Assert.Equal(NodeStatus.Fired, result.StatusOf("french"));
    }

    [Fact]
    public void Evaluate_BooleanAxis_OnlyListedValueScores()
    {
        Assert.Equal(50, Shipped.SkilledMigration.Eval("""{ "trade_certificate": true, "clb": 7 }""").PointsOf("certificate_x_language"));
        Assert.Equal(0, Shipped.SkilledMigration.Eval("""{ "trade_certificate": false, "clb": 7 }""").PointsOf("certificate_x_language"));
    }

    [Fact]
    public void Evaluate_SpouseAccompanying_ChoosesSpouseTableAndScoresSpouseFacts()
    {
        var result = Shipped.SkilledMigration.Eval("""{ "spouse_accompanying": true, "age": 25, "spouse.clb": 9 }""");

        Assert.Equal(100, result.PointsOf("age_with_spouse"));
        Assert.Equal(20, result.PointsOf("spouse_language"));
        Assert.Equal(NodeStatus.NotEvaluated, result.StatusOf("age_single"));
        Assert.Contains(result.Breakdown.Single(b => b.RuleId == "spouse_language").Facts, f => f.Fact == "spouse.clb" && f.Value == "9");
    }

    [Theory]
    [InlineData("""{ "spouse_accompanying": false, "age": 25, "spouse.clb": 9 }""")]
    [InlineData("""{ "age": 25, "spouse.clb": 9 }""")]
    public void Evaluate_NoAccompanyingSpouse_UsesOtherwiseTable(string facts)
    {
        var result = Shipped.SkilledMigration.Eval(facts);

        Assert.Equal(110, result.PointsOf("age_single"));
        Assert.Equal(NodeStatus.NotEvaluated, result.StatusOf("spouse_language"));
        Assert.Equal(110, result.Total);
    }

    [Fact]
    public void Evaluate_ChooseWithoutOtherwise_ScoresNothingWhenNoCaseHolds()
    {
        var ruleSet = Mini.Compile($$"""
            { "id": "ch", "kind": "choose", {{Mini.L}}, "cases": [
              { "when": { "fact": "c", "equals": "x" }, "rule": { "id": "a", "kind": "bonus", {{Mini.L}}, "when": { "fact": "b", "present": true }, "points": 1 } },
              { "when": { "fact": "c", "equals": "y" }, "rule": { "id": "z", "kind": "bonus", {{Mini.L}}, "when": { "fact": "b", "present": true }, "points": 2 } } ] }
            """);

        Assert.Equal(1, ruleSet.Eval("""{ "c": "x", "b": false }""").Total);
        Assert.Equal(2, ruleSet.Eval("""{ "c": "y", "b": false }""").Total);
        Assert.Equal(0, ruleSet.Eval("""{ "c": "z", "b": false }""").Total);
    }
}

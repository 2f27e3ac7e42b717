using TalentMesh.Evaluation.Rules.Evaluation;
using TalentMesh.Evaluation.Rules.Tests.Support;

namespace TalentMesh.Evaluation.Rules.Tests.Engine;

public sealed class MissingAndTierTests
{
    private static string Band(string missing) => $$"""
        { "id": "r", "kind": "band", {{Mini.L}}, "fact": "i", "missing": "{{missing}}", "bands": [
          { "max": 0, "maxInclusive": true, "points": 2 }, { "min": 1, "points": 5 } ] }
        """;

    [Fact]
    public void Evaluate_MissingSkip_DoesNotFireAndIsListedAsNotProvided()
    {
        var result = Mini.Compile(Band("skip")).Eval("{}");

        Assert.Equal(NodeStatus.Missing, result.StatusOf("r"));
        Assert.Empty(result.Breakdown);
        Assert.Equal(["r"], result.NotProvided.Select(n => n.Id));
        Assert.True(result.IsComplete);
    }

    [Fact]
    public void Evaluate_MissingZero_ScoresTheZeroBand()
    {
        var result = Mini.Compile(Band("zero")).Eval("{}");

        Assert.Equal(2, result.Total);
        Assert.Null(result.Breakdown.Single().Facts.Single().Value);
    }

    [Fact]
    public void Evaluate_ProvidedZero_DiffersFromNotProvided()
    {
        var ruleSet = Mini.Compile(Band("skip"));

        Assert.Equal(2, ruleSet.Eval("""{ "i": 0 }""").Total);
        Assert.Equal(0, ruleSet.Eval("""{ "i": null }""").Total);
    }

    [Fact]
    public void Evaluate_MissingError_IsIncompleteWithoutTier()
    {
        var result = Mini.Compile(Band("error")).Eval("""{ "b": true }""");

        Assert.False(result.IsComplete);
        Assert.Equal(("r", "i"), result.MissingRequired);
        Assert.Null(result.Tier);
    }

    [Theory]
    [InlineData(59.999, null)]
    [InlineData(60, "E")]
    [InlineData(99.999, "E")]
    [InlineData(100, "D")]
    [InlineData(149.999, "D")]
    [InlineData(150, "C")]
    public void Evaluate_TierThresholds_CompareExactly(decimal points, string? tier)
    {
        var ruleSet = Mini.Compile($$"""{ "id": "r", "kind": "count", {{Mini.L}}, "fact": "big", "per": 0.001, "pointsEach": 0.001 }""",
            facts: Mini.Facts + """, { "name": "big", "type": "number", "min": 0, "max": 1000 }""",
            tiers: $$"""
                { "id": "C", {{Mini.L}}, "minPoints": 150 }, { "id": "D", {{Mini.L}}, "minPoints": 100 }, { "id": "E", {{Mini.L}}, "minPoints": 60 }
                """);

        var result = ruleSet.Eval($$"""{ "big": {{points}} }""");

        Assert.Equal(points, result.Total);
        Assert.Equal(tier, result.Tier?.Id);
    }

    [Fact]
    public void Evaluate_RecognitionBelowPointsTier_PointsTierWins()
    {
        var result = Shipped.HighTechZone.Eval("""
            { "age": 30, "professional_title": "senior", "returnee_or_foreign": true, "employer_type": "little_giant",
              "position": "executive", "income_multiple": 5, "invention_patents": 4, "award_level": "national",
              "social_insurance_months": 66, "talent_program": "municipal" }
            """);

        Assert.Equal("C", result.Tier?.Id);
        Assert.Empty(result.Recognitions);
    }

    [Theory]
    [InlineData("provincial", "C")]
    [InlineData("national", "B")]
    [InlineData("world_class", "A")]
    public void Evaluate_DirectRecognition_SetsMinimumTier(string program, string tier)
    {
        var result = Shipped.HighTechZone.Eval($$"""{ "talent_program": "{{program}}" }""");

        Assert.Equal(tier, result.Tier?.Id);
        Assert.Null(result.PointsTier);
    }

    [Fact]
    public void Evaluate_VetoWithRecognition_NoTier()
    {
        var result = Shipped.HighTechZone.Eval("""{ "talent_program": "world_class", "credit_blacklisted": true }""");

        Assert.True(result.IsVetoed);
        Assert.Null(result.Tier);
        Assert.Equal(["credit_blacklist"], result.Vetoes.Select(v => v.Id));
    }

    [Fact]
    public void Breakdown_FactWithCredentials_CarriesCredentialIds()
    {
        var result = Shipped.HighTechZone.Eval("""{ "invention_patents": { "value": 2, "credentials": ["p-1", "p-2"] } }""");

        var evidence = result.Breakdown.Single().Facts.Single();
        Assert.Equal(("invention_patents", "2"), (evidence.Fact, evidence.Value));
        Assert.Equal(["p-1", "p-2"], evidence.Credentials);
    }

    [Fact]
    public void Evaluate_ReusedResult_ForgetsThePreviousApplicant()
    {
        var ruleSet = Shipped.HighTechZone;
        var result = ruleSet.CreateResult();
        ruleSet.Evaluate(FactsJson.Read(ruleSet, """{ "age": 29, "credit_blacklisted": true, "falsified_materials": 1 }"""), result);
        ruleSet.Evaluate(FactsJson.Read(ruleSet, """{ "age": 50 }"""), result);

        Assert.Equal(5, result.Total);
        Assert.False(result.IsVetoed);
        Assert.Single(result.Breakdown);
    }
}

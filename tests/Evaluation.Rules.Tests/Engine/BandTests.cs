using TalentMesh.Evaluation.Rules.Evaluation;
using TalentMesh.Evaluation.Rules.Tests.Support;

namespace TalentMesh.Evaluation.Rules.Tests.Engine;

public sealed class BandTests
{
    [Theory]
    [InlineData(16, 15)]
    [InlineData(30, 15)]
    [InlineData(31, 10)]
    [InlineData(45, 10)]
    [InlineData(46, 5)]
    [InlineData(55, 5)]
    [InlineData(56, 0)]
    [InlineData(100, 0)]
    public void Evaluate_AgeAtIntegerBandEdges_ScoresDefaultTable(int age, int expected)
    {
        var result = Shipped.HighTechZone.Eval($$"""{ "age": {{age}} }""");

        Assert.Equal(expected, result.PointsOf("age"));
    }

    [Theory]
    [InlineData("0.99", 0)]
    [InlineData("1", 5)]
    [InlineData("1.49", 5)]
    [InlineData("1.5", 10)]
    [InlineData("1.99", 10)]
    [InlineData("2", 15)]
    [InlineData("2.99", 15)]
    [InlineData("3", 20)]
    [InlineData("4.999", 20)]
    [InlineData("5", 30)]
    [InlineData("1000", 30)]
    public void Evaluate_IncomeAtBandEdges_LowerBoundBelongsToBand(string multiple, int expected)
    {
        var result = Shipped.HighTechZone.Eval($$"""{ "income_multiple": {{multiple}} }""");

        Assert.Equal(expected, result.PointsOf("income"));
        Assert.Equal(NodeStatus.Fired, result.StatusOf("income"));
    }

    [Theory]
    [InlineData("2", 0)]
    [InlineData("2.0001", 7)]
    [InlineData("4", 7)]
    [InlineData("4.0001", 9)]
    public void Evaluate_ExclusiveMinAndInclusiveMax_HonoursFlags(string value, int expected)
    {
        var ruleSet = Mini.Compile($$"""
            { "id": "r", "kind": "band", {{Mini.L}}, "fact": "n", "bands": [
              { "max": 2, "maxInclusive": true, "points": 0 },
              { "min": 2, "minInclusive": false, "max": 4, "maxInclusive": true, "points": 7 },
              { "min": 4, "minInclusive": false, "points": 9 } ] }
            """);

        Assert.Equal(expected, ruleSet.Eval($$"""{ "n": {{value}} }""").Total);
    }

    [Fact]
    public void Evaluate_DecimalFactEqualToDecimalBound_ComparesExactly()
    {
        var ruleSet = Mini.Compile($$"""
            { "id": "r", "kind": "band", {{Mini.L}}, "fact": "n", "bands": [ { "min": 2.2, "max": 2.3, "points": 1 } ] }
            """);

        Assert.Equal(1, ruleSet.Eval("""{ "n": 2.2 }""").Total);
        Assert.Equal(0, ruleSet.Eval("""{ "n": 2.3 }""").Total);
    }
}

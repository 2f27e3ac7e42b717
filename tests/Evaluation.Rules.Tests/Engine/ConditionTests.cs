using TalentMesh.Evaluation.Rules.Tests.Support;

namespace TalentMesh.Evaluation.Rules.Tests.Engine;

public sealed class ConditionTests
{
    private static decimal Score(string condition, string facts) =>
        Mini.Compile($$"""{ "id": "r", "kind": "bonus", {{Mini.L}}, "when": {{condition}}, "points": 1 }""").Eval(facts).Total;

    [Theory]
    [InlineData("""{ "fact": "c", "equals": "x" }""", """{ "c": "x" }""", 1)]
    [InlineData("""{ "fact": "c", "equals": "x" }""", """{ "c": "y" }""", 0)]
    [InlineData("""{ "fact": "c", "equals": "x" }""", "{}", 0)]
    [InlineData("""{ "fact": "i", "equals": 3 }""", """{ "i": 3 }""", 1)]
    [InlineData("""{ "fact": "c", "in": ["x", "z"] }""", """{ "c": "z" }""", 1)]
    [InlineData("""{ "fact": "c", "in": ["x", "z"] }""", """{ "c": "y" }""", 0)]
    [InlineData("""{ "fact": "i", "in": [1, 2] }""", """{ "i": 2 }""", 1)]
    [InlineData("""{ "fact": "n", "min": 1, "max": 2 }""", """{ "n": 1 }""", 1)]
    [InlineData("""{ "fact": "n", "min": 1, "max": 2 }""", """{ "n": 2 }""", 0)]
    [InlineData("""{ "fact": "n", "min": 1, "minInclusive": false }""", """{ "n": 1 }""", 0)]
    [InlineData("""{ "fact": "n", "max": 2, "maxInclusive": true }""", """{ "n": 2 }""", 1)]
    [InlineData("""{ "fact": "n", "max": 2, "maxInclusive": true }""", "{}", 0)]
    [InlineData("""{ "fact": "n", "present": true }""", """{ "n": 0 }""", 1)]
    [InlineData("""{ "fact": "n", "present": true }""", "{}", 0)]
    [InlineData("""{ "fact": "n", "absent": true }""", "{}", 1)]
    [InlineData("""{ "fact": "n", "absent": true }""", """{ "n": 0 }""", 0)]
    [InlineData("""{ "all": [ { "fact": "b", "equals": true }, { "fact": "b2", "equals": true } ] }""", """{ "b": true, "b2": true }""", 1)]
    [InlineData("""{ "all": [ { "fact": "b", "equals": true }, { "fact": "b2", "equals": true } ] }""", """{ "b": true, "b2": false }""", 0)]
    [InlineData("""{ "any": [ { "fact": "b", "equals": true }, { "fact": "b2", "equals": true } ] }""", """{ "b2": true }""", 1)]
    [InlineData("""{ "any": [ { "fact": "b", "equals": true }, { "fact": "b2", "equals": true } ] }""", "{}", 0)]
    [InlineData("""{ "not": { "fact": "b", "equals": true } }""", """{ "b": false }""", 1)]
    [InlineData("""{ "not": { "fact": "b", "equals": true } }""", "{}", 1)]
    [InlineData("""{ "fact": "spouse.c", "equals": "y" }""", """{ "spouse.c": "y", "c": "x" }""", 1)]
    public void Evaluate_Condition_HoldsExactlyWhenExpected(string condition, string facts, int expected)
    {
        Assert.Equal(expected, Score(condition, facts));
    }
}

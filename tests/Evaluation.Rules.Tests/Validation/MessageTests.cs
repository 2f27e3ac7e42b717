using TalentMesh.Evaluation.Rules.Evaluation;
using TalentMesh.Evaluation.Rules.Tests.Support;

namespace TalentMesh.Evaluation.Rules.Tests.Validation;

/// <summary>Errors speak the project's words: one precise message per problem, with the path to it.</summary>
public sealed class MessageTests
{
    [Fact]
    public void TryParse_ConditionWithTwoTests_ReportsOnePreciseError()
    {
        var json = Mini.Json($$"""{ "id": "r", "kind": "bonus", {{Mini.L}}, "when": { "fact": "i", "max": 35, "present": true }, "points": 1 }""");

        var (_, errors) = RuleSetLoader.TryParse(json);

        var error = Assert.Single(errors);
        Assert.Equal(("rule 'r'", "$.rules[0].when.fact"), (error.Subject, error.Path));
        Assert.Contains("a condition needs exactly one test: equals, in, min/max, present or absent (found max, present)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ age: 3 }", "line 1, column 3")]
    [InlineData("{ \"age\": 30,\n  \"education\": doctor }", "line 2, column 16")]
    public void Read_FactsNotJson_SaysWhereWithoutReaderInternals(string json, string where)
    {
        var error = Assert.Throws<FactsException>(() => FactsJson.Read(Shipped.HighTechZone, json));

        var message = Assert.Single(error.Errors);
        Assert.StartsWith("facts: not valid JSON at " + where, message, StringComparison.Ordinal);
        Assert.DoesNotContain("BytePositionInLine", message, StringComparison.Ordinal);
        Assert.DoesNotContain("invalid start", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FactsUnderFactsKey_PathsIncludeTheKey()
    {
        var error = Assert.Throws<FactsException>(() => FactsJson.Read(Shipped.HighTechZone, """{ "facts": { "age": { "value": "old" } } }"""));

        Assert.Equal("fact 'age' ($.facts.age.value): expected an integer, got the string \"old\"", Assert.Single(error.Errors));
    }

    [Fact]
    public void Read_FactsNotAnObject_SaysWhatIsExpected()
    {
        var error = Assert.Throws<FactsException>(() => FactsJson.Read(Shipped.HighTechZone, "[1, 2]"));

        Assert.Equal("facts ($): expected an object of fact names and values, found an array", Assert.Single(error.Errors));
    }

    [Fact]
    public void Json_UnknownShippedName_ListsTheShippedOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => ShippedRuleSets.Json("high-tech"));

        Assert.Contains("shipped: high-tech-zone, skilled-migration", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NotProvided_NamesFactsNotRules()
    {
        var result = Shipped.HighTechZone.Evaluate(FactsJson.Read(Shipped.HighTechZone, """{ "age": 30 }"""));

        Assert.Contains("income_multiple", result.NotProvidedFacts);
        Assert.Contains("employer_type", result.NotProvidedFacts);
        Assert.DoesNotContain("income", result.NotProvidedFacts);
        Assert.DoesNotContain("employer", result.NotProvidedFacts);
    }
}

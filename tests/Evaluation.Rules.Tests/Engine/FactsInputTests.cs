using TalentMesh.Evaluation.Rules.Evaluation;
using TalentMesh.Evaluation.Rules.Tests.Support;

namespace TalentMesh.Evaluation.Rules.Tests.Engine;

public sealed class FactsInputTests
{
    [Theory]
    [InlineData("""{ "salary": 3 }""", "fact 'salary' ($.salary) is not declared")]
    [InlineData("""{ "age": 30.5 }""", "fact 'age' ($.age): expected an integer")]
    [InlineData("""{ "age": 12 }""", "outside the declared range")]
    [InlineData("""{ "education": "phd" }""", "\"phd\" is not one of")]
    [InlineData("""{ "education": 3 }""", "fact 'education' ($.education): expected one of")]
    [InlineData("""{ "credit_blacklisted": "yes" }""", "fact 'credit_blacklisted' ($.credit_blacklisted): expected true or false")]
    [InlineData("""{ "age": { "value": 30, "source": "x" } }""", "fact 'age' ($.age.source): unknown field 'source'")]
    [InlineData("""{ "age": { "value": 30, "credentials": "c-1" } }""", "fact 'age' ($.age.credentials): credentials must be an array of strings")]
    public void Read_InvalidFacts_ReportsPreciseError(string json, string fragment)
    {
        var error = Assert.Throws<FactsException>(() => FactsJson.Read(Shipped.HighTechZone, json));

        Assert.Contains(error.Errors, e => e.Contains(fragment, StringComparison.Ordinal));
    }

    [Fact]
    public void Read_SeveralProblems_ReportsAllOfThem()
    {
        var error = Assert.Throws<FactsException>(() => FactsJson.Read(Shipped.HighTechZone, """{ "salary": 1, "age": 1.5 }"""));

        Assert.Equal(2, error.Errors.Count);
    }

    [Fact]
    public void Read_FactsUnderFactsKey_AreAccepted()
    {
        var facts = FactsJson.Read(Shipped.HighTechZone, """{ "_comment": "x", "facts": { "age": 30 } }""");

        Assert.True(facts.IsPresent(Shipped.HighTechZone.Fact("age")!.Slot));
    }

    [Fact]
    public void Evaluate_FactSetOfAnotherRuleSet_Throws()
    {
        var facts = Shipped.SkilledMigration.CreateFactSet();

        Assert.Throws<ArgumentException>(() => Shipped.HighTechZone.Evaluate(facts));
    }
}

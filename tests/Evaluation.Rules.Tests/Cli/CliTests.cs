using System.Text.Json;
using TalentMesh.Evaluation.Rules.Cli;
using TalentMesh.Evaluation.Rules.Tests.Support;

namespace TalentMesh.Evaluation.Rules.Tests.Cli;

/// <summary>Runs the CLI's entry logic in-process with captured writers.</summary>
public sealed class CliTests : IDisposable
{
    private readonly List<string> tempFiles = [];

    private static readonly string RuleSetFile = Shipped.TestFile("RuleSets", "high-tech-zone.json");

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = RulesCli.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private string FactsFile(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"facts-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        tempFiles.Add(path);
        return path;
    }

    public void Dispose()
    {
        foreach (var path in tempFiles)
            File.Delete(path);
    }

    [Fact]
    public void Validate_ShippedFile_PrintsHashAndExitsZero()
    {
        var (code, output, _) = Run("rules", "validate", RuleSetFile);

        Assert.Equal(RulesCli.Ok, code);
        Assert.Matches("^ok: high-tech-zone 2025.1 sha256:[0-9a-f]{64}", output);
    }

    [Fact]
    public void Validate_MalformedFile_ListsErrorsAndExitsOne()
    {
        var (code, output, error) = Run("rules", "validate", Shipped.TestFile("Malformed", "band-overlap.json"));

        Assert.Equal(RulesCli.InvalidInput, code);
        Assert.Empty(output);
        Assert.Contains("error: rule 'age' ($.rules[0].bands[1]): band", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingFile_ExitsOne()
    {
        var (code, _, error) = Run("rules", "validate", "/nonexistent/rules.json");

        Assert.Equal(RulesCli.InvalidInput, code);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_WorkedExample_PrintsTotalTierAndBreakdownAsJson()
    {
        var facts = FactsFile("""{ "age": 45, "professional_title": "intermediate", "employer_type": "other_in_zone", "income_multiple": 1.5, "invention_patents": { "value": 1, "credentials": ["pat-9"] }, "social_insurance_months": 60 }""");

        var (code, output, _) = Run("rules", "eval", "high-tech-zone", facts);

        Assert.Equal(RulesCli.Ok, code);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal(60, json.GetProperty("total").GetDecimal());
        Assert.Equal("E", json.GetProperty("tier").GetString());
        Assert.Equal(40, json.GetProperty("gapToNextTier").GetDecimal());
        var patents = json.GetProperty("breakdown").EnumerateArray().Single(b => b.GetProperty("rule").GetString() == "invention_patents");
        Assert.Equal("pat-9", patents.GetProperty("facts")[0].GetProperty("credentials")[0].GetString());
    }

    [Fact]
    public void Eval_Table_PrintsReadableRows()
    {
        var facts = FactsFile("""{ "age": 29, "invention_patents": 9 }""");

        var (code, output, _) = Run("rules", "eval", RuleSetFile, facts, "--table");

        Assert.Equal(RulesCli.Ok, code);
        Assert.Contains("invention_patents", output, StringComparison.Ordinal);
        Assert.Contains("发明专利", output, StringComparison.Ordinal);
        Assert.Contains("Invention patents", output, StringComparison.Ordinal);
        Assert.Contains("total: 35   tier: none", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_UndeclaredFact_ExitsOneNamingTheFact()
    {
        var facts = FactsFile("""{ "age": 29, "salary": 3 }""");

        var (code, _, error) = Run("rules", "eval", "high-tech-zone", facts);

        Assert.Equal(RulesCli.InvalidInput, code);
        Assert.Contains("fact 'salary' ($.salary) is not declared", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_FactsNotJson_ExitsOne()
    {
        var (code, _, error) = Run("rules", "eval", "high-tech-zone", FactsFile("{ age: "));

        Assert.Equal(RulesCli.InvalidInput, code);
        Assert.Contains("not valid JSON", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_BelowThreshold_PrintsGapAndSuggestions()
    {
        var facts = FactsFile("""{ "age": 45, "professional_title": "intermediate", "employer_type": "other_in_zone", "income_multiple": 1.49, "invention_patents": 1, "social_insurance_months": 60 }""");

        var (code, output, _) = Run("rules", "explain", "high-tech-zone", facts);

        Assert.Equal(RulesCli.Ok, code);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal(5, json.GetProperty("gap").GetDecimal());
        Assert.Contains(json.GetProperty("suggestions").EnumerateArray(), s => s.GetProperty("fact").GetString() == "income_multiple" && s.GetProperty("to").GetString() == "1.5");
    }

    [Fact]
    public void Eval_Table_HasAPathColumnAndKeepsNamesWhole()
    {
        var facts = FactsFile("""{ "age": 29, "double_first_class_graduate": true, "employer_type": "national_hightech_leading", "returnee_or_foreign": true, "education": "doctor" }""");

        var (code, output, _) = Run("rules", "eval", "high-tech-zone", facts, "--table");

        Assert.Equal(RulesCli.Ok, code);
        Assert.Contains("| path", output, StringComparison.Ordinal);
        Assert.Contains("total > knowledge > knowledge_highest", output, StringComparison.Ordinal);
        foreach (var name in new[] { "double_first_class_bonus", "double_first_class_graduate=true", "employer_type=national_hightech_leading" })
            Assert.Contains(name, output, StringComparison.Ordinal);
        Assert.Contains("High-tech zone talent points scheme 2025.1", output, StringComparison.Ordinal); // the source column
    }

    [Fact]
    public void Eval_UnknownRuleSetName_ListsTheShippedOnes()
    {
        var (code, _, error) = Run("rules", "eval", "hightech", FactsFile("{}"));

        Assert.Equal(RulesCli.InvalidInput, code);
        Assert.Contains("no rule-set file 'hightech' and no shipped rule set of that name (shipped: high-tech-zone, skilled-migration)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_Json_CarriesGroupSubtotalsAndSources()
    {
        var facts = FactsFile("""{ "age": 29, "education": "doctor", "returnee_or_foreign": true, "double_first_class_graduate": true, "years_since_graduation": 1 }""");

        var (code, output, _) = Run("rules", "eval", "high-tech-zone", facts);

        Assert.Equal(RulesCli.Ok, code);
        var json = JsonDocument.Parse(output).RootElement;
        var knowledge = json.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("group").GetString() == "knowledge");
        Assert.Equal((50m, 40m, 40m), (knowledge.GetProperty("beforeCap").GetDecimal(), knowledge.GetProperty("cap").GetDecimal(), knowledge.GetProperty("afterCap").GetDecimal()));
        var age = json.GetProperty("breakdown").EnumerateArray().Single(b => b.GetProperty("rule").GetString() == "age");
        Assert.Equal("Indicator: age (年龄)", age.GetProperty("source").GetProperty("article").GetString());
        Assert.Contains("income_multiple", json.GetProperty("notProvided").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public void Explain_PrintsTheWholeTraceWithSelectorsAndNotApplicableRules()
    {
        var facts = FactsFile("""{ "age": 40, "double_first_class_graduate": true, "education": "master" }""");

        var (code, output, _) = Run("rules", "explain", "high-tech-zone", facts);

        Assert.Equal(RulesCli.Ok, code);
        var trace = JsonDocument.Parse(output).RootElement.GetProperty("trace").EnumerateArray().ToList();
        var bonus = trace.Single(e => e.GetProperty("rule").GetString() == "double_first_class_bonus");
        Assert.Equal("notApplicable", bonus.GetProperty("status").GetString());
        Assert.Equal("double_first_class_graduate = true and age < 35", bonus.GetProperty("when").GetString());
        Assert.Contains(trace, e => e.GetProperty("rule").GetString() == "education" && e.GetProperty("status").GetString() == "fired");
        Assert.Contains(trace, e => e.GetProperty("rule").GetString() == "income" && e.GetProperty("status").GetString() == "missing");
    }

    [Fact]
    public void Explain_Target_AimsAtTheScore()
    {
        var facts = FactsFile("""{ "age": 29, "education": "master" }""");

        var (code, output, _) = Run("rules", "explain", "high-tech-zone", facts, "--target", "50");

        Assert.Equal(RulesCli.Ok, code);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal((50m, 15m), (json.GetProperty("target").GetDecimal(), json.GetProperty("gap").GetDecimal()));
        Assert.All(json.GetProperty("suggestions").EnumerateArray(), s => Assert.True(s.GetProperty("total").GetDecimal() >= 50));
        Assert.NotEmpty(json.GetProperty("suggestions").EnumerateArray());
    }

    [Fact]
    public void Test_ShippedRuleSet_PrintsPassPerExample()
    {
        var (code, output, _) = Run("rules", "test", "skilled-migration");

        Assert.Equal(RulesCli.Ok, code);
        Assert.Contains("pass: inadmissible: vetoed (total 483, tier none)", output, StringComparison.Ordinal);
        Assert.Contains("5 passed, 0 failed", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_FailingExample_PrintsFailAndExitsOne()
    {
        var broken = ShippedRuleSets.Json(ShippedRuleSets.HighTechZone).Replace("\"total\": 136", "\"total\": 137", StringComparison.Ordinal);
        var file = FactsFile(broken);

        var (testCode, output, _) = Run("rules", "test", file);
        var (validateCode, _, error) = Run("rules", "validate", file);

        Assert.Equal((RulesCli.InvalidInput, RulesCli.InvalidInput), (testCode, validateCode));
        Assert.Contains("FAIL: young returnee doctor, knowledge capped (total 136, tier D)", output, StringComparison.Ordinal);
        Assert.Contains("$.examples[0].expected.total: expected total 137, got 136", output, StringComparison.Ordinal);
        Assert.Contains("7 passed, 1 failed", output, StringComparison.Ordinal);
        Assert.Contains("error: example 'young returnee doctor, knowledge capped' ($.examples[0].expected.total)", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData]
    [InlineData("rules")]
    [InlineData("rules", "eval", "high-tech-zone")]
    [InlineData("rules", "frobnicate")]
    [InlineData("rules", "validate", "a.json", "--bogus")]
    public void Run_BadUsage_ExitsTwo(params string[] args)
    {
        var (code, _, error) = Run(args);

        Assert.Equal(RulesCli.Usage, code);
        Assert.Contains("Usage:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Help_ExitsZero()
    {
        var (code, output, _) = Run("rules", "--help");

        Assert.Equal(RulesCli.Ok, code);
        Assert.Contains("validate", output, StringComparison.Ordinal);
    }
}

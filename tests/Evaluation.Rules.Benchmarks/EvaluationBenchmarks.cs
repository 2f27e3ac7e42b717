using BenchmarkDotNet.Attributes;
using TalentMesh.Evaluation.Rules.Compilation;
using TalentMesh.Evaluation.Rules.Evaluation;

namespace TalentMesh.Evaluation.Rules.Benchmarks;

/// <summary>
/// One evaluation under each shipped rule set. "Reused" evaluates into a preallocated result (the service's
/// hot path: expect 0 B); "NewResult" includes allocating the result object and its arrays.
/// </summary>
[MemoryDiagnoser]
public class EvaluationBenchmarks
{
    private CompiledRuleSet highTechZone = null!;
    private CompiledRuleSet skilledMigration = null!;
    private FactSet highTechFacts = null!;
    private FactSet migrationFacts = null!;
    private EvaluationResult highTechResult = null!;
    private EvaluationResult migrationResult = null!;

    [GlobalSetup]
    public void Setup()
    {
        highTechZone = ShippedRuleSets.Compile(ShippedRuleSets.HighTechZone);
        highTechFacts = FactsJson.Read(highTechZone, """
            { "age": 29, "education": "doctor", "professional_title": "intermediate", "returnee_or_foreign": true,
              "double_first_class_graduate": true, "years_since_graduation": 2, "employer_type": "hightech_enterprise",
              "position": "core_technical", "income_multiple": 2.5, "invention_patents": 3, "award_level": "provincial",
              "social_insurance_months": 40, "falsified_materials": 0, "credit_blacklisted": false }
            """);
        highTechResult = highTechZone.CreateResult();
        skilledMigration = ShippedRuleSets.Compile(ShippedRuleSets.SkilledMigration);
        migrationFacts = FactsJson.Read(skilledMigration, """
            { "spouse_accompanying": true, "age": 35, "education": "bachelors", "clb": 8, "canadian_experience_years": 1,
              "foreign_experience_years": 4, "trade_certificate": false, "spouse.education": "masters", "spouse.clb": 7,
              "spouse.canadian_experience_years": 0, "sibling_in_country": true, "french_nclc": 7,
              "domestic_study": "three_or_more_years" }
            """);
        migrationResult = skilledMigration.CreateResult();
    }

    [Benchmark]
    public decimal HighTechZone_Reused()
    {
        highTechZone.Evaluate(highTechFacts, highTechResult);
        return highTechResult.Total;
    }

    [Benchmark]
    public EvaluationResult HighTechZone_NewResult() => highTechZone.Evaluate(highTechFacts);

    [Benchmark]
    public decimal SkilledMigration_Reused()
    {
        skilledMigration.Evaluate(migrationFacts, migrationResult);
        return migrationResult.Total;
    }

    [Benchmark]
    public EvaluationResult SkilledMigration_NewResult() => skilledMigration.Evaluate(migrationFacts);
}

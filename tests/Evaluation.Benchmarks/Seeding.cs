using Microsoft.Extensions.DependencyInjection;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Events.V1;
using TalentMesh.EventBus.Outbox;
using TalentMesh.Evaluation.Facts;
using TalentMesh.Evaluation.RuleSets;
using TalentMesh.Evaluation.Scores;

namespace TalentMesh.Evaluation.Benchmarks;

/// <summary>
/// Talents with varied facts, each written as the service writes them (facts projection, evaluation, history,
/// boundary and talent.evaluated in one unit of work) under the default rule set.
/// </summary>
public static class Seeding
{
    private static readonly EducationLevel[] Levels = [EducationLevel.JuniorCollege, EducationLevel.Bachelor, EducationLevel.BachelorWithDegree, EducationLevel.Master, EducationLevel.Doctor];
    private static readonly EmployerCategory[] Employers = [EmployerCategory.OtherInZone, EmployerCategory.TechSme, EmployerCategory.HighTech, EmployerCategory.LittleGiant];

    public static string TalentId(int i) => $"t{i:D7}";

    public static async Task SeedAsync(IServiceProvider services, int count)
    {
        var facts = services.GetRequiredService<FactsStore>();
        var evaluator = services.GetRequiredService<TalentEvaluator>();
        var units = services.GetRequiredService<EventUnitOfWorkFactory>();
        var active = await services.GetRequiredService<RuleSetStore>().ActiveAsync();
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, _) =>
        {
            var talent = Talent(i);
            var unit = units.Begin();
            facts.Stage(unit, new VersionedFacts(TalentFacts.Empty(talent.TalentId), 0), talent);
            evaluator.Stage(unit, active, talent, null, EvaluationTrigger.Registration);
            if (await unit.CommitAsync() != CommitOutcome.Committed)
                throw new InvalidOperationException($"seeding {talent.TalentId} did not commit");
        });
    }

    private static TalentFacts Talent(int i)
    {
        var id = TalentId(i);
        var decided = DateTimeOffset.UnixEpoch;
        var talent = TalentFacts.Empty(id).WithRegistration(new RegistrationRecord(new DateOnly(1960 + (i % 40), 1 + (i % 12), 1 + (i % 28)), i % 9 == 0, decided))!;
        talent = With(talent, $"{id}-degree", new CredentialAttributes
        {
            Degree = new DegreeAttributes { Level = Levels[i % Levels.Length], GraduationDate = Date(new DateOnly(1990 + (i % 35), 7, 1)), DoubleFirstClass = i % 4 == 0 },
        });
        talent = With(talent, $"{id}-job", new CredentialAttributes
        {
            Employment = new EmploymentAttributes { EmployerCategory = Employers[i % Employers.Length], Position = (EmploymentPosition)(1 + (i % 4)), StartDate = Date(new DateOnly(2020, 1, 1)) },
        });
        if (i % 3 == 0)
            talent = With(talent, $"{id}-income", new CredentialAttributes { Income = new IncomeAttributes { MultipleOfAverageWage = 0.5 + (i % 60) / 10.0, TaxYear = 2025 } });
        if (i % 5 == 0)
            talent = With(talent, $"{id}-si", new CredentialAttributes { SocialInsurance = new SocialInsuranceAttributes { ContinuousMonthsInZone = i % 70, AsOf = Date(new DateOnly(2026, 1, 1)) } });
        return talent;
    }

    private static TalentFacts With(TalentFacts talent, string credentialId, CredentialAttributes attributes)
    {
        var (facts, recency) = CredentialFactMapping.Contributions((CredentialType)(int)attributes.KindCase, attributes);
        return talent.WithCredential(new CredentialRecord(credentialId, CredentialState.Verified, DateTimeOffset.UnixEpoch, false, facts, recency))!;
    }

    public static Google.Type.Date Date(DateOnly date) => new() { Year = date.Year, Month = date.Month, Day = date.Day };
}

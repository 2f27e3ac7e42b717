using Microsoft.Extensions.DependencyInjection;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Events.V1;
using TalentMesh.EventBus.Outbox;
using TalentMesh.Evaluation.Facts;
using TalentMesh.Evaluation.RuleSets;
using TalentMesh.Evaluation.Scores;

namespace TalentMesh.Evaluation.Tests.Support;

/// <summary>Many evaluated talents at once, written through the service's own stores (facts, evaluation, event) in one unit each.</summary>
public static class TalentSeeder
{
    public static async Task SeedDoctorsAsync(IServiceProvider services, int count)
    {
        var facts = services.GetRequiredService<FactsStore>();
        var evaluator = services.GetRequiredService<TalentEvaluator>();
        var units = services.GetRequiredService<EventUnitOfWorkFactory>();
        var active = await services.GetRequiredService<RuleSetStore>().ActiveAsync();
        var decided = DateTimeOffset.UnixEpoch;
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, _) =>
        {
            var talentId = $"t{i:D6}";
            var degree = CredentialFactMapping.Contributions(CredentialType.Degree, TalentEvents.Degree(EducationLevel.Doctor, new DateOnly(2000 + (i % 20), 7, 1)));
            var talent = TalentFacts.Empty(talentId)
                .WithRegistration(new RegistrationRecord(new DateOnly(1960 + (i % 40), 1 + (i % 12), 1 + (i % 28)), i % 7 == 0, decided))!
                .WithCredential(new CredentialRecord($"{talentId}-degree", CredentialState.Verified, decided, false, degree.Facts, degree.Recency))!;
            var unit = units.Begin();
            facts.Stage(unit, new VersionedFacts(TalentFacts.Empty(talentId), 0), talent);
            evaluator.Stage(unit, active, talent, null, EvaluationTrigger.Registration);
            if (await unit.CommitAsync() != CommitOutcome.Committed)
                throw new InvalidOperationException($"seeding {talentId} did not commit");
        });
    }
}

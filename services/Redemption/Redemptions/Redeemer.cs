using StackExchange.Redis;
using TalentMesh.Contracts.Redemption.V1;
using TalentMesh.EventBus.Outbox;
using TalentMesh.Redemption.Eligibility;
using TalentMesh.Redemption.Idempotency;
using TalentMesh.Redemption.Policies;
using TalentMesh.Redemption.Talents;
using TalentMesh.ServiceDefaults.Errors;
using RedemptionView = TalentMesh.Contracts.Redemption.V1.Redemption;

namespace TalentMesh.Redemption.Redemptions;

/// <summary>
/// Starts redemptions — a talent's one click, or an automatic grant (免申即享) — from what the service already knows
/// (tier and facts from talent.evaluated, holdings, usage). The live-holding conditions in the commit make two
/// concurrent requests of one talent for one policy (or one exclusion group) commit at most once.
/// </summary>
public sealed class Redeemer(PolicyStore policies, TalentStore talents, RedemptionStore redemptions, RedemptionCommitter committer,
    IdempotencyStore idempotency, EventUnitOfWorkFactory units)
{
    private const int Attempts = 5;

    public async Task<RedemptionView> RedeemAsync(Policy policy, string talentId, IEnumerable<SubmittedMaterial> materials, bool automatic,
        (RedisKey Key, string Fingerprint) idempotencyKey, Func<DateTimeOffset> now, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            if (await idempotency.FindAsync(idempotencyKey.Key, idempotencyKey.Fingerprint, cancellationToken) is { } existing)
                return (await redemptions.LoadAsync(existing, cancellationToken))!.Record.View;
            var profileRead = talents.LoadAsync(talentId, cancellationToken);
            var holdingsRead = redemptions.LoadHoldingsAsync(talentId, policy.PolicyId, cancellationToken);
            var usageRead = policies.LoadUsageAsync(policy.PolicyId, cancellationToken);
            await Task.WhenAll(profileRead, holdingsRead, usageRead);
            var (profile, holdings, usage) = (await profileRead, await holdingsRead, await usageRead);
            var at = now();
            var blockers = RedeemRules.Check(policy, profile, holdings, usage, at);
            if (blockers.FirstOrDefault(b => !b.IsExhaustion) is { } blocker)
                throw new WorkflowViolationException(string.Join("; ", blockers.Select(b => b.Text)), blocker.Reason);
            if (blockers.Count > 0)
                throw new QuotaExceededException(blockers[0].Text);

            var transition = RedemptionFactory.Create(policy, profile, "rdm_" + Guid.CreateVersion7().ToString("N"), materials, automatic, at);
            var unit = units.Begin();
            committer.AddTo(unit, transition, 0, automatic ? "system" : talentId, at);
            IdempotencyStore.Record(unit, idempotencyKey.Key, idempotencyKey.Fingerprint, transition.After.Id);
            if (await unit.CommitAsync() == CommitOutcome.Committed)
                return transition.After.View;
        }
        throw new WorkflowViolationException("Your holdings kept changing while the request was decided; retry.", "CONCURRENT_CHANGE");
    }
}

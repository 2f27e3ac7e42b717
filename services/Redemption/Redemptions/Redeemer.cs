using StackExchange.Redis;
using TalentMesh.Contracts.Redemption.V1;
using TalentMesh.EventBus.Outbox;
using TalentMesh.Redemption.Eligibility;
using TalentMesh.Redemption.Idempotency;
using TalentMesh.Redemption.Policies;
using TalentMesh.Redemption.Talents;
using TalentMesh.ServiceDefaults.Errors;
using RedemptionView = TalentMesh.Contracts.Redemption.V1.Redemption;
using TalentMesh.ServiceDefaults.Redis;

namespace TalentMesh.Redemption.Redemptions;

/// <summary>
/// Starts redemptions — a talent's one click, or an automatic grant (免申即享) — from what the service already knows
/// (tier and facts from talent.evaluated, holdings, usage). The live-holding conditions in the commit make two
/// concurrent requests of one talent for one policy (or one exclusion group) commit at most once.
/// </summary>
public sealed class Redeemer(PolicyStore policies, TalentStore talents, RedemptionStore redemptions, RedemptionCommitter committer,
    RedisReader reader, EventUnitOfWorkFactory units)
{
    private const int Attempts = 5;

    /// <summary>
    /// Redeems <paramref name="policy"/> (as remembered by <see cref="PolicyStore.CurrentAsync"/>: the commit requires its
    /// revision, so a policy closed meanwhile is read again and decided on afresh).
    /// </summary>
    public async Task<RedemptionView> RedeemAsync(PolicyStore.Stored policy, string talentId, IEnumerable<SubmittedMaterial> materials, bool automatic,
        (RedisKey Key, string Fingerprint) idempotencyKey, Func<DateTimeOffset> now, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var policyId = policy.Policy.PolicyId;
            // Everything the decision needs, sent together: one round trip, one pass through the resilience pipeline.
            var (existing, profile, holdings, usage) = await reader.ReadAsync(async db =>
            {
                var existingRead = IdempotencyStore.ReadAsync(db, idempotencyKey.Key, idempotencyKey.Fingerprint);
                var profileRead = talents.ReadAsync(db, talentId);
                var holdingsRead = redemptions.ReadHoldingsAsync(db, talentId, policyId);
                var usageRead = policies.ReadUsageAsync(db, policyId);
                return (await existingRead, await profileRead, await holdingsRead, await usageRead);
            }, cancellationToken);
            if (existing is not null)
                return (await redemptions.LoadAsync(existing, cancellationToken))!.Record.View;
            var at = now();
            var blockers = RedeemRules.Check(policy.Policy, profile, holdings, usage, at);
            if (blockers.FirstOrDefault(b => !b.IsExhaustion) is { } blocker)
                throw new WorkflowViolationException(string.Join("; ", blockers.Select(b => b.Text)), blocker.Reason);
            if (blockers.Count > 0)
                throw new QuotaExceededException(blockers[0].Text);

            var transition = RedemptionFactory.Create(policy.Policy, profile, "rdm_" + Guid.CreateVersion7().ToString("N"), materials, automatic, at);
            var unit = units.Begin();
            committer.AddTo(unit, transition, 0, automatic ? "system" : talentId, at);
            IdempotencyStore.Record(unit, idempotencyKey.Key, idempotencyKey.Fingerprint, transition.After.Id);
            policies.RequireRevision(unit, policyId, policy.Revision);
            if (await unit.CommitAsync() == CommitOutcome.Committed)
                return transition.After.View;
            // Lost a race (holdings, the idempotency key) or the policy changed: read the policy again, then everything else.
            policy = await policies.RefreshAsync(policyId, cancellationToken) ?? throw new NotFoundException("Policy", policyId);
        }
        throw new WorkflowViolationException("Your holdings kept changing while the request was decided; retry.", "CONCURRENT_CHANGE");
    }
}

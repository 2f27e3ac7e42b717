using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Events.V1;
using TalentMesh.EventBus.Handling;
using TalentMesh.Redemption.Access;
using TalentMesh.Redemption.Notifications;
using TalentMesh.Redemption.Policies;
using TalentMesh.Redemption.Redemptions;
using TalentMesh.ServiceDefaults.Redis;

namespace TalentMesh.Redemption.Talents;

/// <summary>
/// Keeps the tier and facts of talent.evaluated (dropping results older than the one held), and in the same commit
/// tells the talent about a changed tier and newly applicable benefits, and suspends live redemptions that no longer
/// qualify. Automatic grants follow, each idempotent, also when the event is redelivered.
/// </summary>
public sealed class TalentEvaluatedHandler(RedisReader reader, TalentStore talents, PolicyStore policies, Suspensions suspensions,
    NotificationStore notifications, BenefitMatching matching, AutoGrants autoGrants, TimeProvider time) : IIntegrationEventHandler<TalentEvaluated>
{
    public async Task HandleAsync(TalentEvaluated @event, EventContext context, CancellationToken cancellationToken)
    {
        if (!RedisKeys.IsSafeId(@event.TalentId) || @event.EvaluationSequence <= 0 || !Enum.IsDefined(@event.Tier) || @event.Tier == Tier.Unspecified)
            throw new PoisonEventException($"talent.evaluated {context.EventId} has no valid talent id, sequence or tier.");
        // Every read the handler may need leaves together, in one pass through the resilience pipeline: one wait instead
        // of four in a row, each of which queued behind everyone else's work under load (this handler is on the way from
        // a verified credential to the talent hearing of a benefit). Only the profile is needed for a stale event, but
        // nearly every event is current.
        var (before, publishedIds, notified, candidates) = await reader.ReadAsync(async db =>
        {
            var talent = talents.ReadAsync(db, @event.TalentId);
            var policyIds = policies.ReadPublishedIdsAsync(db);
            var notifiedOf = notifications.ReadNotifiedPoliciesAsync(db, @event.TalentId);
            var redemptionIds = suspensions.ReadCandidatesAsync(db, @event.TalentId);
            return (await talent, await policyIds, await notifiedOf, await redemptionIds);
        }, cancellationToken);
        if (@event.EvaluationSequence < before.EvaluationSequence)
            return;
        // Published policies come from memory once seen; only one never seen before costs a read of its own.
        var published = await policies.PublishedAsync(publishedIds, cancellationToken);
        var after = before with { Tier = @event.Tier, EvaluationSequence = @event.EvaluationSequence, Facts = @event.Facts ?? new TalentFactsSummary() };
        if (@event.EvaluationSequence > before.EvaluationSequence)
        {
            var now = time.GetUtcNow();
            var unit = context.BeginUnitOfWork();
            talents.WriteEvaluation(unit, after, before.EvaluationSequence);
            // A talent not heard of yet holds no tier: Evaluation does not publish a first evaluation without one.
            var held = before.IsEvaluated ? before.Tier : Tier.None;
            if (held != after.Tier)
                notifications.Add(unit, after.TalentId, NotificationKind.TierChanged, "Your talent tier changed",
                    $"Your tier is now {Eligibility.EligibilityRules.TierName(after.Tier)} (was {Eligibility.EligibilityRules.TierName(held)}).", "", "", now);
            foreach (var policy in BenefitMatching.NewlyEligible(published, before, after, now).Where(p => !notified.Contains(p.PolicyId)))
                matching.Notify(unit, after.TalentId, policy, now);
            await suspensions.AddAsync(unit, after, published, candidates, reason: null, now, cancellationToken);
            await EventContext.CommitAsync(unit);
        }
        await autoGrants.GrantAsync(published, after, cancellationToken);
    }
}

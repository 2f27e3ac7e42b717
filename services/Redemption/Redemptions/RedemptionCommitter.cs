using StackExchange.Redis;
using TalentMesh.EventBus.Outbox;
using TalentMesh.Redemption.Budgets;
using TalentMesh.Redemption.Eligibility;
using TalentMesh.Redemption.Idempotency;
using TalentMesh.Redemption.Notifications;
using TalentMesh.Redemption.Policies;
using TalentMesh.Redemption.Scheduling;
using TalentMesh.ServiceDefaults.Errors;
using Policy = TalentMesh.Contracts.Redemption.V1.Policy;
using RedemptionView = TalentMesh.Contracts.Redemption.V1.Redemption;

namespace TalentMesh.Redemption.Redemptions;

/// <summary>
/// Commits redemption transitions: the record, holdings, audit entry, events, budget reservation or release, schedule
/// entries and the talent's notification, all in one unit of work guarded by the record's revision. A lost race is
/// re-read and decided again; final approvals of one policy chain their reservations (see <see cref="ReservationChain"/>).
/// </summary>
public sealed class RedemptionCommitter(RedemptionStore redemptions, PolicyStore policies, NotificationStore notifications,
    ScheduleStore schedule, IdempotencyStore idempotency, EventUnitOfWorkFactory units, PolicyLocks locks, ReservationChain chain)
{
    private const int Attempts = 10;

    /// <summary>Adds the transition to <paramref name="unit"/>; <paramref name="usage"/> is the usage a reservation was decided on.</summary>
    public void AddTo(EventUnitOfWork unit, Transition transition, long revision, string actor, DateTimeOffset now, BudgetUsage? usage = null)
    {
        var view = transition.After.View;
        redemptions.Write(unit, transition, revision, actor, now);
        if (transition.ReservesPlace)
            policies.Reserve(unit, view.PolicyId, usage ?? throw new InvalidOperationException("A reservation needs the usage it was decided on."), transition.ReserveFen);
        if (transition.ReleasesPlace)
            policies.Release(unit, view.PolicyId, transition.ReleaseFen);
        if (transition.NoticeEndsAt is { } noticeEnds)
            schedule.Add(unit, ScheduleStore.NoticeEnd, view.RedemptionId, noticeEnds);
        if (transition.InstallmentDueAt is { } due)
            schedule.Add(unit, ScheduleStore.InstallmentDue, view.RedemptionId, due);
        notifications.Add(unit, view.TalentId, transition.Notice.Kind, transition.Notice.Title, transition.Notice.Body, view.PolicyId, view.RedemptionId, now);
    }

    private void Prepare(EventUnitOfWork unit, Transition transition, long revision, string actor, DateTimeOffset now, BudgetUsage? usage,
        (RedisKey Key, string Fingerprint)? idempotencyKey, Action<EventUnitOfWork>? also)
    {
        AddTo(unit, transition, revision, actor, now, usage);
        if (idempotencyKey is { } key)
            IdempotencyStore.Record(unit, key.Key, key.Fingerprint, transition.After.Id);
        also?.Invoke(unit);
    }

    /// <summary>
    /// Loads the redemption, decides with <paramref name="decide"/> and commits, retrying lost races. With an
    /// idempotency key, a repeated request returns the redemption as it is now.
    /// </summary>
    public async Task<RedemptionView> RunAsync(string redemptionId, Func<RedemptionRecord, Policy, Transition> decide, string actor,
        Func<DateTimeOffset> now, (RedisKey Key, string Fingerprint)? idempotencyKey, Action<EventUnitOfWork>? also, CancellationToken cancellationToken)
    {
        if (idempotencyKey is { } idem && await idempotency.FindAsync(idem.Key, idem.Fingerprint, cancellationToken) is { } done)
            return (await redemptions.LoadAsync(done, cancellationToken))!.Record.View;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var stored = await redemptions.LoadAsync(redemptionId, cancellationToken) ?? throw new NotFoundException("Redemption", redemptionId);
            var policy = await policies.TermsAsync(stored.Record.View.PolicyId, cancellationToken)
                ?? throw new InvalidOperationException($"Policy {stored.Record.View.PolicyId} of redemption {redemptionId} is missing.");
            var at = now();
            var transition = decide(stored.Record, policy);
            var unit = units.Begin();
            Task<CommitOutcome> commit;
            if (transition.ReservesPlace)
            {
                // Under the policy's lock only long enough to decide on the chained usage and queue the commit.
                using var gate = await locks.AcquireAsync(policy.PolicyId, cancellationToken);
                var usage = chain.Expected(policy.PolicyId) ?? await policies.LoadUsageAsync(policy.PolicyId, cancellationToken);
                if (usage.CannotReserve(policy, transition.ReserveFen) is not null)
                {
                    // The chain may be stale (a release since); only Redis's figures can refuse.
                    chain.Drop(policy.PolicyId);
                    usage = await policies.LoadUsageAsync(policy.PolicyId, cancellationToken);
                    if (usage.CannotReserve(policy, transition.ReserveFen) is { } exhausted)
                        throw new QuotaExceededException(exhausted.Text);
                }
                Prepare(unit, transition, stored.Revision, actor, at, usage, idempotencyKey, also);
                chain.Extend(policy.PolicyId, usage.Reserve(transition.ReserveFen));
                commit = unit.CommitAsync();
            }
            else
            {
                Prepare(unit, transition, stored.Revision, actor, at, null, idempotencyKey, also);
                commit = unit.CommitAsync();
            }
            if (await commit == CommitOutcome.Committed)
                return transition.After.View;
            if (transition.ReservesPlace)
                chain.Drop(policy.PolicyId);
            if (idempotencyKey is { } retry && await idempotency.FindAsync(retry.Key, retry.Fingerprint, cancellationToken) is { } raced)
                return (await redemptions.LoadAsync(raced, cancellationToken))!.Record.View;
            if (transition.Holdings == HoldingChange.Acquire)
            {
                var holdings = await redemptions.LoadHoldingsAsync(transition.After.View.TalentId, policy.PolicyId, cancellationToken);
                if (holdings.LiveByPolicy.ContainsKey(policy.PolicyId)
                    || transition.After.ExclusionGroup.Length > 0 && holdings.LiveByGroup.ContainsKey(transition.After.ExclusionGroup))
                    throw new WorkflowViolationException("You already hold a live redemption of this benefit or of its exclusion group.", Blocker.AlreadyHeld);
            }
        }
        throw new WorkflowViolationException("The redemption kept changing while this request was decided; retry.", "CONCURRENT_CHANGE");
    }
}

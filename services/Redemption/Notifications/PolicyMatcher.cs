using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TalentMesh.Contracts.Redemption.V1;
using TalentMesh.EventBus.Outbox;
using TalentMesh.Redemption.Calendar;
using TalentMesh.Redemption.Eligibility;
using TalentMesh.Redemption.Policies;
using TalentMesh.Redemption.Redemptions;
using TalentMesh.Redemption.Talents;

namespace TalentMesh.Redemption.Notifications;

/// <summary>
/// Runs match jobs in the background: walks the talents in id order in batches, notifies (or auto-grants) those who
/// qualify, and advances the job's cursor in the batch's commit. Never on a request's path.
/// </summary>
public sealed class PolicyMatcher(MatchJobs jobs, PolicyStore policies, TalentStore talents, NotificationStore notifications,
    BenefitMatching matching, AutoGrants autoGrants, EventUnitOfWorkFactory units, TimeProvider time, ILogger<PolicyMatcher> logger) : BackgroundService
{
    public const int BatchSize = 500;

    /// <summary>
    /// Talents notified per commit; a batch's slices commit concurrently (the group committer sends up to four script
    /// calls at once). A unit's key lookup is no longer quadratic, so a whole batch could be one unit, but measured
    /// side by side slices of 500 were no faster than 50 (docs/benchmarks.md, Redemption), so the smaller units stay.
    /// </summary>
    public const int SliceSize = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failed = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (failed)
                    await jobs.WaitAsync(TimeSpan.FromSeconds(2), stoppingToken);
                failed = false;
                foreach (var policyId in await jobs.PendingAsync(stoppingToken))
                    await RunAsync(policyId, stoppingToken);
                await jobs.WaitAsync(TimeSpan.FromSeconds(2), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Policy matching failed; it resumes from its cursor");
                failed = true;
            }
        }
    }

    public async Task RunAsync(string policyId, CancellationToken cancellationToken)
    {
        var policy = (await policies.LoadAsync(policyId, cancellationToken))?.Policy;
        while (true)
        {
            var cursor = await jobs.CursorAsync(policyId, cancellationToken);
            if (cursor is null or "$done")
                return;
            var ids = await talents.RangeAsync(cursor == MatchJobs.Start ? "" : cursor, BatchSize, cancellationToken);
            var unit = units.Begin();
            if (ids.Count == 0 || policy is not { Status: PolicyStatus.Published })
            {
                jobs.Finish(unit, policyId, cursor);
                await unit.CommitAsync();
                return;
            }
            var profiles = await talents.LoadManyAsync(ids, cancellationToken);
            var today = ChinaTime.Today(time.GetUtcNow());
            var eligible = profiles.Where(p => EligibilityRules.IsEligible(policy, p, today)).ToList();
            if (policy.AutomaticGrant)
            {
                await Parallel.ForEachAsync(eligible, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken },
                    async (talent, ct) => await autoGrants.GrantAsync([policy], talent, ct));
            }
            else
                await NotifyAsync(policy, cursor, eligible, cancellationToken);
            jobs.Advance(unit, policyId, cursor, ids[^1]);
            await unit.CommitAsync();
        }
    }

    /// <summary>
    /// Notifies the batch's eligible talents not yet told, in slices committed concurrently. Each slice commits only
    /// while the cursor is still where this batch started (another replica that moved on makes it a no-op), and marks
    /// its talents notified, so a batch redone after a crash skips those already told.
    /// </summary>
    private async Task NotifyAsync(Policy policy, string cursor, IReadOnlyList<TalentProfile> eligible, CancellationToken cancellationToken)
    {
        var notified = await notifications.WereNotifiedAsync([.. eligible.Select(p => p.TalentId)], policy.PolicyId, cancellationToken);
        var now = time.GetUtcNow();
        var pending = eligible.Where((_, i) => !notified[i]).ToList();
        var slices = new List<Task<CommitOutcome>>();
        for (var start = 0; start < pending.Count; start += SliceSize)
        {
            var slice = units.Begin();
            jobs.RequireAt(slice, policy.PolicyId, cursor);
            foreach (var talent in pending.Skip(start).Take(SliceSize))
                matching.Notify(slice, talent.TalentId, policy, now);
            slices.Add(slice.CommitAsync());
        }
        await Task.WhenAll(slices);
    }
}

using TalentMesh.Contracts.Redemption.V1;
using TalentMesh.EventBus.Outbox;
using TalentMesh.Redemption.Calendar;
using TalentMesh.Redemption.Eligibility;
using TalentMesh.Redemption.Redemptions;

namespace TalentMesh.Redemption.Talents;

/// <summary>
/// Live redemptions of a talent that no longer qualify (tier dropped, a condition lost, code revoked) are suspended
/// for review, never paid silently; the talent is told in the same commit.
/// </summary>
public sealed class Suspensions(Policies.PolicyStore policies, RedemptionStore redemptions, RedemptionCommitter committer, RedemptionWorkflow workflow, TimeProvider time)
{
    /// <summary>Adds the suspensions to <paramref name="unit"/>; <paramref name="reason"/> overrides the eligibility reason (e.g. code revoked).</summary>
    public async Task AddAsync(EventUnitOfWork unit, TalentProfile talent, IReadOnlyList<Policy> published, string? reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = await redemptions.PageIdsAsync(talent.TalentId, 0, 1_000, cancellationToken);
        var stored = await redemptions.LoadManyAsync(ids, cancellationToken);
        foreach (var item in stored)
        {
            if (item is null || !item.Record.HoldsPolicy || item.Record.Status == RedemptionStatus.Suspended)
                continue;
            var why = reason;
            if (why is null)
            {
                var policy = published.FirstOrDefault(p => p.PolicyId == item.Record.View.PolicyId)
                    ?? (await policies.LoadAsync(item.Record.View.PolicyId, cancellationToken))?.Policy;
                if (policy is null)
                    continue;
                var blockers = EligibilityRules.Check(policy, talent, ChinaTime.Today(time.GetUtcNow()));
                if (blockers.Count == 0)
                    continue;
                why = string.Join("; ", blockers.Select(b => b.Text));
            }
            committer.AddTo(unit, workflow.Suspend(item.Record, why, now), item.Revision, "system", now);
        }
    }
}

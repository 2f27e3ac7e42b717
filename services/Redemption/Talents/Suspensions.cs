using StackExchange.Redis;
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
    /// <summary>The talent's most recent redemptions looked at; a talent holds a handful.</summary>
    private const int CandidateLimit = 1_000;

    /// <summary>
    /// The talent's redemptions that <see cref="AddAsync"/> looks at. A read of its own, so that a handler can send it
    /// together with its other reads: under load every read waited for in turn queues behind everyone else's work.
    /// </summary>
    public Task<IReadOnlyList<string>> CandidatesAsync(string talentId, CancellationToken cancellationToken) =>
        redemptions.PageIdsAsync(talentId, 0, CandidateLimit, cancellationToken);

    /// <summary><see cref="CandidatesAsync"/> on <paramref name="db"/> (reads sent together, inside the caller's pass).</summary>
    public Task<IReadOnlyList<string>> ReadCandidatesAsync(IDatabaseAsync db, string talentId) =>
        redemptions.ReadPageIdsAsync(db, talentId, 0, CandidateLimit);


    /// <summary>
    /// Adds the suspensions among <paramref name="candidates"/> (see <see cref="CandidatesAsync"/>) to
    /// <paramref name="unit"/>; <paramref name="reason"/> overrides the eligibility reason (e.g. code revoked).
    /// </summary>
    public async Task AddAsync(EventUnitOfWork unit, TalentProfile talent, IReadOnlyList<Policy> published, IReadOnlyList<string> candidates,
        string? reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (candidates.Count == 0)
            return; // most talents hold nothing: no second read
        var stored = await redemptions.LoadManyAsync(candidates, cancellationToken);
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

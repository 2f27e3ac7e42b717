using StackExchange.Redis;
using TalentMesh.EventBus.Outbox;
using TalentMesh.ServiceDefaults.Redis;

namespace TalentMesh.Redemption.Notifications;

/// <summary>
/// Background matches of a newly published policy against every talent: "match-jobs" (policy ids) and
/// match-cursor:{policy} (the last talent id done, "^" before the first). The cursor advances in the same commit as
/// the batch's notifications, so a restarted job resumes where it stopped and notifies nobody twice.
/// </summary>
public sealed class MatchJobs(RedisReader reader, RedisKeyspace keyspace)
{
    public const string Start = "^";
    private readonly SemaphoreSlim wake = new(0);

    private RedisKey Jobs => keyspace.Key("match-jobs");
    public RedisKey Cursor(string policyId) => keyspace.Key("match-cursor", policyId);

    public void Begin(EventUnitOfWork unit, string policyId, DateTimeOffset now)
    {
        unit.RequireAbsent(Cursor(policyId));
        unit.Set(Cursor(policyId), Start);
        unit.SortedSetAdd(Jobs, policyId, now.ToUnixTimeMilliseconds());
    }

    /// <summary>Commit only while the job's cursor is still <paramref name="seen"/>.</summary>
    public void RequireAt(EventUnitOfWork unit, string policyId, string seen) => unit.RequireEqual(Cursor(policyId), seen);

    public void Advance(EventUnitOfWork unit, string policyId, string seen, string next)
    {
        unit.RequireEqual(Cursor(policyId), seen);
        unit.Set(Cursor(policyId), next);
    }

    public void Finish(EventUnitOfWork unit, string policyId, string seen)
    {
        unit.RequireEqual(Cursor(policyId), seen);
        unit.Set(Cursor(policyId), "$done");
        unit.SortedSetRemove(Jobs, policyId);
    }

    public async Task<IReadOnlyList<string>> PendingAsync(CancellationToken cancellationToken) =>
        [.. (await reader.ReadAsync(db => db.SortedSetRangeByRankAsync(Jobs), cancellationToken)).Select(v => v.ToString())];

    public async Task<string?> CursorAsync(string policyId, CancellationToken cancellationToken)
    {
        var value = await reader.ReadAsync(db => db.StringGetAsync(Cursor(policyId)), cancellationToken);
        return value.IsNull ? null : value.ToString();
    }

    public void Wake() => wake.Release();

    /// <summary>Waits for a wake-up, or at most <paramref name="poll"/> (jobs left by another replica or a restart).</summary>
    public async Task WaitAsync(TimeSpan poll, CancellationToken cancellationToken)
    {
        await wake.WaitAsync(poll, cancellationToken);
        while (wake.CurrentCount > 0)
            await wake.WaitAsync(0, cancellationToken);
    }
}

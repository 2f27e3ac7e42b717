using StackExchange.Redis;
using TalentMesh.EventBus.Outbox;
using TalentMesh.ServiceDefaults.Redis;

namespace TalentMesh.Redemption.Scheduling;

/// <summary>
/// The durable schedule: one sorted set "schedule" whose members are "{kind}|{redemption id}" scored by due time
/// (Unix ms). Entries are added in the unit of work of the transition that causes them and removed in the unit of
/// work that handles them, so a restart neither loses nor repeats a step.
/// </summary>
public sealed class ScheduleStore(RedisReader reader, RedisKeyspace keyspace)
{
    public const string NoticeEnd = "notice-end", InstallmentDue = "installment-due";

    private RedisKey Schedule => keyspace.Key("schedule");

    public void Add(EventUnitOfWork unit, string kind, string redemptionId, DateTimeOffset due) =>
        unit.SortedSetAdd(Schedule, $"{kind}|{redemptionId}", due.ToUnixTimeMilliseconds());

    public void Remove(EventUnitOfWork unit, string member) => unit.SortedSetRemove(Schedule, member);

    /// <summary>Removes the entry, and commits only if this occurrence was not handled before (two schedulers never both run it).</summary>
    public void Claim(EventUnitOfWork unit, string member, double score)
    {
        var done = keyspace.Key("schedule-done", $"{member}|{score:R}");
        unit.RequireAbsent(done);
        unit.Set(done, "1", TimeSpan.FromDays(7));
        unit.SortedSetRemove(Schedule, member);
    }

    public async Task<IReadOnlyList<(string Member, double Score)>> DueAsync(DateTimeOffset now, int count, CancellationToken cancellationToken)
    {
        var entries = await reader.ReadAsync(db => db.SortedSetRangeByScoreWithScoresAsync(Schedule, double.NegativeInfinity, now.ToUnixTimeMilliseconds(), take: count), cancellationToken);
        return [.. entries.Select(e => (e.Element.ToString(), e.Score))];
    }

    public async Task<bool> IsScheduledAsync(string member, CancellationToken cancellationToken) =>
        (await reader.ReadAsync(db => db.SortedSetScoreAsync(Schedule, member), cancellationToken)) is not null;
}

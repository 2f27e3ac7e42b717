using StackExchange.Redis;
using TalentMesh.EventBus.Outbox;
using TalentMesh.ServiceDefaults.Redis;

namespace TalentMesh.Evaluation.Scheduling;

/// <summary>
/// One sorted set: each talent's next time boundary (unix ms) that would change their result. The scheduler reads
/// only what is due, so nobody is scanned daily; each evaluation rewrites its talent's entry in its own commit.
/// </summary>
public sealed class ScheduleStore(RedisReader reader, RedisKeyspace keyspace)
{
    private RedisKey ScheduleKey => keyspace.Key("schedule");

    public void Stage(EventUnitOfWork unit, string talentId, DateTimeOffset? next)
    {
        if (next is { } due)
            unit.SortedSetAdd(ScheduleKey, talentId, due.ToUnixTimeMilliseconds());
        else
            unit.SortedSetRemove(ScheduleKey, talentId);
    }

    public async Task<string[]> DueAsync(DateTimeOffset now, int count)
    {
        var due = await reader.ReadAsync(db =>
            db.SortedSetRangeByScoreAsync(ScheduleKey, double.NegativeInfinity, now.ToUnixTimeMilliseconds(), take: count), CancellationToken.None);
        return Array.ConvertAll(due, id => id.ToString());
    }
}

using StackExchange.Redis;
using TalentMesh.EventBus.Outbox;
using TalentMesh.ServiceDefaults.Redis;
using TalentMesh.ServiceDefaults.Resilience;

namespace TalentMesh.Evaluation.Reevaluation;

/// <summary>
/// Rollouts: one hash per rule set that took effect (counters, checkpoint cursor, times) and a pointer to the one
/// running. The done/changed counters move in the same unit of work as each talent's evaluation, so they are exact
/// across crashes; the cursor is only a checkpoint (talents already under the rule set are skipped after a restart).
/// Reads go through <see cref="RedisReader"/>; the checkpoint and the finish are idempotent writes outside any unit of
/// work, so they take the connection and the pipeline themselves (and may be retried).
/// </summary>
public sealed class RolloutStore(RedisReader reader, RedisKeyspace keyspace, IConnectionMultiplexer redis, RedisPipeline pipeline)
{
    private RedisKey RolloutKey(string hash) => keyspace.Key("rollout", hash);

    private RedisKey CurrentKey => keyspace.Key("rollout-current");

    public void StageStart(EventUnitOfWork unit, string hash, string? previous, long total, DateTimeOffset startedAt)
    {
        var key = RolloutKey(hash);
        unit.Delete(key);
        unit.HashSet(key, new HashEntry("previous", previous ?? ""), new HashEntry("total", total), new HashEntry("done", 0),
            new HashEntry("changed", 0), new HashEntry("started", startedAt.ToUnixTimeMilliseconds()),
            new HashEntry("state", total == 0 ? (int)RolloutPhase.Completed : (int)RolloutPhase.Running), new HashEntry("cursor", ""));
        if (total == 0)
            unit.HashSet(key, new HashEntry("completed", startedAt.ToUnixTimeMilliseconds()));
        unit.Set(CurrentKey, hash);
    }

    /// <summary>Counts one talent moved onto the rule set (by the rollout or by an event about them).</summary>
    public void StageDone(EventUnitOfWork unit, string hash, bool changed)
    {
        unit.HashIncrement(RolloutKey(hash), "done");
        if (changed)
            unit.HashIncrement(RolloutKey(hash), "changed");
    }

    public async Task<string?> CurrentAsync() =>
        (string?)await reader.ReadAsync(db => db.StringGetAsync(CurrentKey), CancellationToken.None);

    public async Task<RolloutProgress?> ProgressAsync(string hash)
    {
        var fields = await reader.ReadAsync(db => db.HashGetAllAsync(RolloutKey(hash)), CancellationToken.None);
        if (fields.Length == 0)
            return null;
        var values = fields.ToDictionary(f => f.Name.ToString(), f => f.Value);
        return new RolloutProgress(hash, (string?)values.GetValueOrDefault("previous") ?? "", (RolloutPhase)(int)values["state"],
            (long)values["total"], (long)values["done"], (long)values["changed"],
            DateTimeOffset.FromUnixTimeMilliseconds((long)values["started"]),
            values.TryGetValue("completed", out var completed) ? DateTimeOffset.FromUnixTimeMilliseconds((long)completed) : null,
            (string?)values.GetValueOrDefault("cursor") ?? "");
    }

    /// <summary>Records how far the walk over the talents got (idempotent: a replayed page changes nothing twice).</summary>
    public async Task CheckpointAsync(string hash, string cursor) =>
        await pipeline.ExecuteAsync(async _ => await redis.GetDatabase().HashSetAsync(RolloutKey(hash), "cursor", cursor), CancellationToken.None);

    public async Task FinishAsync(string hash, RolloutPhase phase, DateTimeOffset at)
    {
        // Both writes are idempotent, so the pipeline may retry them.
        await pipeline.ExecuteAsync(async _ =>
        {
            var database = redis.GetDatabase();
            await database.HashSetAsync(RolloutKey(hash), [new HashEntry("state", (int)phase), new HashEntry("completed", at.ToUnixTimeMilliseconds())]);
            // Only clears the pointer if no later rollout replaced it meanwhile.
            await database.ScriptEvaluateAsync("if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0",
                [CurrentKey], [hash]);
        }, CancellationToken.None);
    }
}

public enum RolloutPhase
{
    Running = 1,
    Completed = 2,
    Superseded = 3,
}

public sealed record RolloutProgress(string Hash, string Previous, RolloutPhase Phase, long Total, long Done, long Changed,
    DateTimeOffset StartedAt, DateTimeOffset? CompletedAt, string Cursor);

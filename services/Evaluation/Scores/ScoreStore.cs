using Google.Protobuf;
using StackExchange.Redis;
using TalentMesh.EventBus.Outbox;
using TalentMesh.ServiceDefaults.Redis;
using TalentMesh.ServiceDefaults.Resilience;
using EvaluationRecord = TalentMesh.Contracts.Evaluation.V1.Evaluation;

namespace TalentMesh.Evaluation.Scores;

/// <summary>
/// Each talent's current evaluation (with its sequence, the optimistic-concurrency version) and the history of every
/// evaluation, newest last, as protobuf bytes: the facts as evaluated and the rule-set hash, so any of them replays.
/// </summary>
public sealed class ScoreStore(IConnectionMultiplexer redis, RedisKeyspace keyspace, RedisPipeline pipeline)
{
    private const string DocumentField = "doc";
    private const string SequenceField = "seq";

    private RedisKey CurrentKey(string talentId) => keyspace.Key("score", talentId);

    private RedisKey HistoryKey(string talentId) => keyspace.Key("history", talentId);

    public async Task<EvaluationRecord?> CurrentAsync(string talentId)
    {
        var value = await pipeline.ExecuteAsync(async _ => await redis.GetDatabase().HashGetAsync(CurrentKey(talentId), DocumentField), CancellationToken.None);
        return Parse(value);
    }

    public async Task<EvaluationRecord?[]> CurrentManyAsync(IReadOnlyList<string> talentIds)
    {
        var values = await pipeline.ExecuteAsync(async _ =>
        {
            var batch = redis.GetDatabase().CreateBatch();
            var reads = talentIds.Select(id => batch.HashGetAsync(CurrentKey(id), DocumentField)).ToArray();
            batch.Execute();
            return await Task.WhenAll(reads);
        }, CancellationToken.None);
        return Array.ConvertAll(values, Parse);
    }

    /// <summary>Stores <paramref name="next"/> as current and appends it to the history, if the current one is still <paramref name="previous"/>.</summary>
    public void Stage(EventUnitOfWork unit, EvaluationRecord? previous, EvaluationRecord next, string talentId)
    {
        var key = CurrentKey(talentId);
        unit.RequireHashEqual(key, SequenceField, previous is null ? RedisValue.Null : previous.EvaluationSequence);
        var bytes = next.ToByteArray();
        unit.HashSet(key, new HashEntry(DocumentField, bytes), new HashEntry(SequenceField, next.EvaluationSequence));
        unit.Write("RPUSH", HistoryKey(talentId), bytes);
    }

    /// <summary>Newest first: <paramref name="skip"/> evaluations back from the newest, at most <paramref name="count"/>.</summary>
    public async Task<(EvaluationRecord[] Page, long Total)> HistoryAsync(string talentId, long skip, int count)
    {
        var key = HistoryKey(talentId);
        var total = await pipeline.ExecuteAsync(async _ => await redis.GetDatabase().ListLengthAsync(key), CancellationToken.None);
        var stop = total - 1 - skip;
        if (stop < 0)
            return ([], total);
        var start = Math.Max(0, stop - count + 1);
        var values = await pipeline.ExecuteAsync(async _ => await redis.GetDatabase().ListRangeAsync(key, start, stop), CancellationToken.None);
        return (values.Reverse().Select(v => EvaluationRecord.Parser.ParseFrom((byte[])v!)).ToArray(), total);
    }

    public async Task<EvaluationRecord?> BySequenceAsync(string talentId, long sequence)
    {
        // Sequences are consecutive from 1, so the n-th evaluation sits at index n - 1.
        var value = await pipeline.ExecuteAsync(async _ => await redis.GetDatabase().ListGetByIndexAsync(HistoryKey(talentId), sequence - 1), CancellationToken.None);
        return Parse(value) is { } found && found.EvaluationSequence == sequence ? found : null;
    }

    private static EvaluationRecord? Parse(RedisValue value) => value.IsNull ? null : EvaluationRecord.Parser.ParseFrom((byte[])value!);
}

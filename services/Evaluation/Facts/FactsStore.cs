using System.Text.Json;
using StackExchange.Redis;
using TalentMesh.EventBus.Outbox;
using TalentMesh.ServiceDefaults.Redis;

namespace TalentMesh.Evaluation.Facts;

/// <summary>
/// The facts projection in Redis: one hash per talent (the JSON document and a version for optimistic concurrency)
/// and the set of every known talent, ordered by id so a rollout can walk it with a resumable cursor.
/// </summary>
public sealed class FactsStore(RedisReader reader, RedisKeyspace keyspace)
{
    private const string DocumentField = "doc";
    private const string VersionField = "v";

    private RedisKey TalentsKey => keyspace.Key("talents");

    private RedisKey FactsKey(string talentId) => keyspace.Key("facts", talentId);

    /// <summary>A talent's facts (version 0: none yet), read on <paramref name="db"/> with the caller's other reads, inside its pass.</summary>
    public async Task<VersionedFacts> ReadAsync(IDatabaseAsync db, string talentId) =>
        Parse(talentId, await db.HashGetAsync(FactsKey(talentId), [DocumentField, VersionField]));

    /// <summary>Many talents in one round trip (rollout, preview, benchmarks).</summary>
    public async Task<VersionedFacts[]> LoadManyAsync(IReadOnlyList<string> talentIds)
    {
        var values = await reader.ReadBulkAsync(async db =>
        {
            var batch = db.CreateBatch();
            var reads = talentIds.Select(id => batch.HashGetAsync(FactsKey(id), [DocumentField, VersionField])).ToArray();
            batch.Execute();
            return await Task.WhenAll(reads);
        }, CancellationToken.None);
        return talentIds.Select((id, i) => Parse(id, values[i])).ToArray();
    }

    /// <summary>Writes the new projection if nobody changed it since <paramref name="loaded"/> was read.</summary>
    public void Stage(EventUnitOfWork unit, VersionedFacts loaded, TalentFacts next)
    {
        var key = FactsKey(next.TalentId);
        unit.RequireHashEqual(key, VersionField, loaded.Version == 0 ? RedisValue.Null : loaded.Version);
        unit.HashSet(key, new HashEntry(DocumentField, JsonSerializer.SerializeToUtf8Bytes(next, TalentFactsJson.Default.TalentFacts)), new HashEntry(VersionField, loaded.Version + 1));
        if (loaded.Version == 0)
            unit.SortedSetAdd(TalentsKey, next.TalentId, 0);
    }

    /// <summary>Commit only if nobody changed the projection since <paramref name="loaded"/> was read.</summary>
    public void StageUnchanged(EventUnitOfWork unit, VersionedFacts loaded) =>
        unit.RequireHashEqual(FactsKey(loaded.Facts.TalentId), VersionField, loaded.Version == 0 ? RedisValue.Null : loaded.Version);

    /// <summary>Up to <paramref name="count"/> talent ids after <paramref name="after"/> (empty = from the start), in id order.</summary>
    public async Task<string[]> TalentIdsAfterAsync(string after, int count)
    {
        var start = string.IsNullOrEmpty(after) ? RedisValue.Null : (RedisValue)after;
        var ids = await reader.ReadAsync(db => db.SortedSetRangeByValueAsync(TalentsKey, start, default, Exclude.Start, Order.Ascending, 0, count), CancellationToken.None);
        return Array.ConvertAll(ids, id => id.ToString());
    }

    public async Task<long> CountAsync() => await reader.ReadAsync(db => db.SortedSetLengthAsync(TalentsKey), CancellationToken.None);

    private static VersionedFacts Parse(string talentId, RedisValue[] values) =>
        values[0].IsNull
            ? new VersionedFacts(TalentFacts.Empty(talentId), 0)
            // Parsed from the UTF-8 bytes as stored: no round trip through a UTF-16 string.
            : new VersionedFacts(JsonSerializer.Deserialize(((ReadOnlyMemory<byte>)values[0]).Span, TalentFactsJson.Default.TalentFacts)!, (long)values[1]);
}

/// <summary>A projection as read, with the version a write must still find (0 = none stored yet).</summary>
public sealed record VersionedFacts(TalentFacts Facts, long Version);

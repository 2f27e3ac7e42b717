using Google.Protobuf;
using StackExchange.Redis;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.EventBus.Outbox;
using TalentMesh.ServiceDefaults.Redis;

namespace TalentMesh.Redemption.Talents;

/// <summary>
/// The projection of talent.evaluated and talent-code.*: talent:{id} (hash: tier, seq = evaluation_sequence, facts =
/// TalentFactsSummary), talent-codes:{id} (hash: code serial → issued | revoked) and the index "talents" (sorted by id,
/// walked by the policy matcher with a cursor).
/// </summary>
public sealed class TalentStore(RedisReader reader, RedisKeyspace keyspace)
{
    private RedisKey ProfileKey(string id) => keyspace.Key("talent", id);
    private RedisKey CodesKey(string id) => keyspace.Key("talent-codes", id);
    private RedisKey Index => keyspace.Key("talents");

    public const string Issued = "issued", Revoked = "revoked";

    public async Task<TalentProfile> LoadAsync(string id, CancellationToken cancellationToken) =>
        (await LoadManyAsync([id], cancellationToken))[0];

    /// <summary>One talent's profile read on <paramref name="db"/> (a batch of reads sent together).</summary>
    public async Task<TalentProfile> ReadAsync(IDatabaseAsync db, string id)
    {
        var profile = db.HashGetAsync(ProfileKey(id), ["tier", "seq", "facts"]);
        var codes = db.HashGetAllAsync(CodesKey(id));
        return ToProfile(id, await profile, await codes);
    }

    public async Task<IReadOnlyList<TalentProfile>> LoadManyAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var (profiles, codes) = await reader.ReadAsync(async db =>
        {
            var batch = db.CreateBatch();
            var p = ids.Select(id => batch.HashGetAsync(ProfileKey(id), ["tier", "seq", "facts"])).ToArray();
            var c = ids.Select(id => batch.HashGetAllAsync(CodesKey(id))).ToArray();
            batch.Execute();
            return (await Task.WhenAll(p), await Task.WhenAll(c));
        }, cancellationToken);
        var result = new TalentProfile[ids.Count];
        for (var i = 0; i < ids.Count; i++)
            result[i] = ToProfile(ids[i], profiles[i], codes[i]);
        return result;
    }

    private static TalentProfile ToProfile(string id, RedisValue[] fields, HashEntry[] codes)
    {
        var code = CodeStateOf(codes.ToDictionary(e => e.Name.ToString(), e => e.Value.ToString()));
        return fields[1].IsNull
            ? TalentProfile.NotEvaluated(id) with { Code = code }
            : new TalentProfile(id, (Tier)(int)fields[0], (long)fields[1], TalentFactsSummary.Parser.ParseFrom((byte[])fields[2]!), code);
    }

    public static CodeState CodeStateOf(IReadOnlyDictionary<string, string> codes) =>
        codes.Values.Any(v => v == Issued) ? CodeState.Active : codes.Count > 0 ? CodeState.Revoked : CodeState.Unknown;

    public async Task<IReadOnlyDictionary<string, string>> LoadCodesAsync(string id, CancellationToken cancellationToken)
    {
        var entries = await reader.ReadAsync(db => db.HashGetAllAsync(CodesKey(id)), cancellationToken);
        return entries.ToDictionary(e => e.Name.ToString(), e => e.Value.ToString());
    }

    /// <summary>Writes the evaluation if the stored sequence is still <paramref name="expectedSequence"/> (0 = none stored).</summary>
    public void WriteEvaluation(EventUnitOfWork unit, TalentProfile profile, long expectedSequence)
    {
        var key = ProfileKey(profile.TalentId);
        unit.RequireHashEqual(key, "seq", expectedSequence == 0 ? RedisValue.Null : expectedSequence);
        unit.HashSet(key, new HashEntry("tier", (int)profile.Tier), new HashEntry("seq", profile.EvaluationSequence), new HashEntry("facts", profile.Facts.ToByteArray()));
        unit.SortedSetAdd(Index, profile.TalentId, 0);
    }

    /// <summary>Records a code's state; a revocation is final for that serial, whatever order the events arrive in.</summary>
    public void WriteCode(EventUnitOfWork unit, string talentId, string serial, string state, string? expected)
    {
        unit.RequireHashEqual(CodesKey(talentId), serial, expected);
        unit.HashSet(CodesKey(talentId), new HashEntry(serial, state));
    }

    /// <summary>Up to <paramref name="count"/> talent ids after <paramref name="after"/> in id order ("" = from the start).</summary>
    public async Task<IReadOnlyList<string>> RangeAsync(string after, int count, CancellationToken cancellationToken)
    {
        var ids = await reader.ReadAsync(db => db.SortedSetRangeByValueAsync(Index, after.Length == 0 ? default : after, default,
            after.Length == 0 ? Exclude.None : Exclude.Start, Order.Ascending, 0, count), cancellationToken);
        return [.. ids.Select(i => i.ToString())];
    }
}

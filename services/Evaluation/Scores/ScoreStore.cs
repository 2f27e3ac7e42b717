using Google.Protobuf;
using StackExchange.Redis;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.EventBus.Outbox;
using TalentMesh.ServiceDefaults.Redis;
using EvaluationRecord = TalentMesh.Contracts.Evaluation.V1.Evaluation;

namespace TalentMesh.Evaluation.Scores;

/// <summary>
/// Each talent's current evaluation (with its sequence, the optimistic-concurrency version) and the history of every
/// evaluation, newest last, as protobuf bytes: the facts as evaluated and the rule-set hash, so any of them replays.
/// Also the number of talents per tier, moved in the same unit of work as each stored evaluation whose tier differs
/// from the previous one, so a redelivered event, a retry or a crash never counts a talent twice.
/// </summary>
public sealed class ScoreStore(RedisReader reader, RedisKeyspace keyspace, RedisConnectionFactory connections)
{
    private const string DocumentField = "doc";
    private const string SequenceField = "seq";

    private RedisKey CurrentKey(string talentId) => keyspace.Key("score", talentId);

    private RedisKey HistoryKey(string talentId) => keyspace.Key("history", talentId);

    /// <summary>Hash: tier (A–E, <c>none</c>) → talents whose current evaluation holds it, and <c>built</c> once counted.</summary>
    private RedisKey TierCountsKey => keyspace.Key("tier-counts");

    /// <summary>The field of a tier in the counter; unspecified counts as no tier.</summary>
    private static string TierField(Tier tier) => tier is >= Tier.A and <= Tier.E ? tier.ToString() : "none";

    public async Task<EvaluationRecord?> CurrentAsync(string talentId) =>
        await reader.ReadAsync(db => ReadCurrentAsync(db, talentId), CancellationToken.None);

    /// <summary><see cref="CurrentAsync"/> on <paramref name="db"/> (reads sent together, inside the caller's pass).</summary>
    public async Task<EvaluationRecord?> ReadCurrentAsync(IDatabaseAsync db, string talentId) =>
        Parse(await db.HashGetAsync(CurrentKey(talentId), DocumentField));

    public async Task<EvaluationRecord?[]> CurrentManyAsync(IReadOnlyList<string> talentIds)
    {
        var values = await reader.ReadBulkAsync(async db =>
        {
            var batch = db.CreateBatch();
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
        var (from, to) = (previous is null ? null : TierField(previous.Tier), TierField(next.Tier));
        if (from == to)
            return;
        if (from is not null)
            unit.HashIncrement(TierCountsKey, from, -1);
        unit.HashIncrement(TierCountsKey, to);
    }

    /// <summary>
    /// Talents per tier, A–E then none; first counts the stored evaluations when the counter was never completed
    /// (data stored before it existed), atomically in one script (<see cref="TierCountScript"/>).
    /// </summary>
    public async Task<IReadOnlyList<(Tier Tier, int Talents)>> TierCountsAsync()
    {
        var fields = await ReadTierCountsAsync();
        if (!fields.Any(f => f.Name == TierCountScript.BuiltField))
        {
            await EnsureTierCountsAsync();
            fields = await ReadTierCountsAsync();
        }
        var counts = fields.ToDictionary(f => f.Name.ToString(), f => (int)f.Value);
        return CountedTiers.Select(tier => (tier, counts.GetValueOrDefault(TierField(tier)))).ToArray();
    }

    /// <summary>
    /// Counts the stored evaluations' tiers unless the counter is complete; true when it counted. The script walks every
    /// evaluation in one go, which can outlast the shared connection's command timeout (Resilience:Redis:ClientCommandTimeout), so it runs
    /// once on a connection of its own with <paramref name="timeout"/> (default <see cref="CountTimeout"/>).
    /// </summary>
    public async Task<bool> EnsureTierCountsAsync(TimeSpan? timeout = null)
    {
        var pattern = GlobEscape(keyspace.Key("score", "").ToString()) + "*";
        var options = connections.CreateOptions();
        options.AsyncTimeout = options.SyncTimeout = (int)(timeout ?? CountTimeout).TotalMilliseconds;
        options.AbortOnConnectFail = true;
        await using var connection = await ConnectionMultiplexer.ConnectAsync(options);
        var counted = await connection.GetDatabase().ScriptEvaluateAsync(TierCountScript.Text, [TierCountsKey], [pattern]);
        return (int)counted == 1;
    }

    /// <summary>How long the one-time count may take (measured: 0.7 s of Redis CPU per 100,000 talents, docs/benchmarks.md).</summary>
    public static readonly TimeSpan CountTimeout = TimeSpan.FromMinutes(5);

    private async Task<HashEntry[]> ReadTierCountsAsync() =>
        await reader.ReadAsync(db => db.HashGetAllAsync(TierCountsKey), CancellationToken.None);

    private static readonly Tier[] CountedTiers = [Tier.A, Tier.B, Tier.C, Tier.D, Tier.E, Tier.None];

    private static string GlobEscape(string literal) =>
        string.Concat(literal.Select(c => c is '*' or '?' or '[' or ']' or '\\' ? "\\" + c : c.ToString()));

    /// <summary>Newest first: <paramref name="skip"/> evaluations back from the newest, at most <paramref name="count"/>.</summary>
    public async Task<(EvaluationRecord[] Page, long Total)> HistoryAsync(string talentId, long skip, int count)
    {
        // The list is oldest first, so the page counts back from its end: indexes relative to the end need not wait for
        // the length, and both are read in one pass (a start before the list's head is clamped to it; a stop before the
        // head gives no entries).
        var key = HistoryKey(talentId);
        var (total, values) = await reader.ReadAsync(async db =>
        {
            var length = db.ListLengthAsync(key);
            var page = db.ListRangeAsync(key, -skip - count, -skip - 1);
            return (await length, await page);
        }, CancellationToken.None);
        return (values.Reverse().Select(v => EvaluationRecord.Parser.ParseFrom((byte[])v!)).ToArray(), total);
    }

    public async Task<EvaluationRecord?> BySequenceAsync(string talentId, long sequence)
    {
        // Sequences are consecutive from 1, so the n-th evaluation sits at index n - 1.
        var value = await reader.ReadAsync(db => db.ListGetByIndexAsync(HistoryKey(talentId), sequence - 1), CancellationToken.None);
        return Parse(value) is { } found && found.EvaluationSequence == sequence ? found : null;
    }

    private static EvaluationRecord? Parse(RedisValue value) => value.IsNull ? null : EvaluationRecord.Parser.ParseFrom((byte[])value!);
}

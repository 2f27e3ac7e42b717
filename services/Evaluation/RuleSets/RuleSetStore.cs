using System.Collections.Concurrent;
using StackExchange.Redis;
using TalentMesh.EventBus.Outbox;
using TalentMesh.Evaluation.Rules;
using TalentMesh.ServiceDefaults.Redis;

namespace TalentMesh.Evaluation.RuleSets;

/// <summary>
/// Published rule sets, immutable and keyed by content hash, which one is active and which are scheduled.
/// Compiled rule sets are cached by hash: a hash names exactly one document, so the cache never goes stale.
/// </summary>
public sealed class RuleSetStore(RedisReader reader, RedisKeyspace keyspace)
{
    private readonly ConcurrentDictionary<string, LoadedRuleSet> compiled = new(StringComparer.Ordinal);

    private RedisKey DocumentKey(string hash) => keyspace.Key("ruleset", hash);

    private RedisKey ActiveKey => keyspace.Key("ruleset-active");

    private RedisKey PublishedKey => keyspace.Key("rulesets");

    private RedisKey ScheduledKey => keyspace.Key("rulesets-scheduled");

    private RedisKey IdempotencyKey(string key) => keyspace.Key("ruleset-publish", key);

    public async Task<string?> ActiveHashAsync() =>
        await reader.ReadAsync(ReadActiveHashAsync, CancellationToken.None);

    /// <summary><see cref="ActiveHashAsync"/> on <paramref name="db"/> (reads sent together, inside the caller's pass).</summary>
    public async Task<string?> ReadActiveHashAsync(IDatabaseAsync db) => await db.StringGetAsync(ActiveKey);

    /// <summary>The rule set in force; throws (the caller retries) before the default has been installed.</summary>
    public async Task<LoadedRuleSet> ActiveAsync() => await ActiveOfAsync(await ActiveHashAsync());

    /// <summary>The rule set of <paramref name="hash"/> as read by <see cref="ReadActiveHashAsync"/>: from memory once compiled.</summary>
    public async Task<LoadedRuleSet> ActiveOfAsync(string? hash) =>
        hash is not null && await ByHashAsync(hash) is { } active
            ? active
            : throw new InvalidOperationException("No rule set is active yet.");

    public async Task<LoadedRuleSet?> ByHashAsync(string hash)
    {
        if (compiled.TryGetValue(hash, out var known))
            return known;
        var document = await reader.ReadAsync(db => db.HashGetAsync(DocumentKey(hash), "doc"), CancellationToken.None);
        return document.IsNull ? null : Remember(new LoadedRuleSet(hash, RuleSetLoader.Compile(document!)));
    }

    /// <summary>Caches a rule set compiled elsewhere (publication compiles it anyway).</summary>
    public LoadedRuleSet Remember(LoadedRuleSet ruleSet) => compiled.GetOrAdd(ruleSet.Hash, ruleSet);

    public async Task<PublishedRuleSet?> PublishedAsync(string hash)
    {
        // The document, the active hash and the schedule entry in one pass.
        var (fields, active, scheduledAt) = await reader.ReadAsync(async db =>
        {
            var document = db.HashGetAllAsync(DocumentKey(hash));
            var activeHash = ReadActiveHashAsync(db);
            var schedule = db.SortedSetScoreAsync(ScheduledKey, hash);
            return (await document, await activeHash, await schedule);
        }, CancellationToken.None);
        if (fields.Length == 0)
            return null;
        var values = fields.ToDictionary(f => f.Name.ToString(), f => f.Value);
        var scheduled = scheduledAt is not null;
        var status = hash == active ? PublicationStatus.Active : scheduled ? PublicationStatus.Scheduled : PublicationStatus.Superseded;
        return new PublishedRuleSet(hash, values["doc"]!, FromMilliseconds(values["published_at"]), values["published_by"]!,
            FromMilliseconds(values["effective_from"]), status);
    }

    /// <summary>Hashes newest first, after <paramref name="skip"/> of them.</summary>
    public async Task<(string[] Hashes, long Total)> PublishedHashesAsync(long skip, int count)
    {
        var (hashes, total) = await reader.ReadAsync(async db =>
            (await db.SortedSetRangeByRankAsync(PublishedKey, skip, skip + count - 1, Order.Descending), await db.SortedSetLengthAsync(PublishedKey)),
            CancellationToken.None);
        return (Array.ConvertAll(hashes, h => h.ToString()), total);
    }

    /// <summary>Stores a newly published document (a no-op write for one published before: the content is the same).</summary>
    public void StagePublication(EventUnitOfWork unit, LoadedRuleSet ruleSet, string document, DateTimeOffset publishedAt,
        string publishedBy, DateTimeOffset effectiveFrom, bool firstPublication)
    {
        var key = DocumentKey(ruleSet.Hash);
        if (firstPublication)
        {
            unit.RequireAbsent(key);
            unit.HashSet(key, new HashEntry("doc", document), new HashEntry("published_at", publishedAt.ToUnixTimeMilliseconds()),
                new HashEntry("published_by", publishedBy));
        }
        unit.HashSet(key, new HashEntry("effective_from", effectiveFrom.ToUnixTimeMilliseconds()));
        unit.SortedSetAdd(PublishedKey, ruleSet.Hash, publishedAt.ToUnixTimeMilliseconds());
    }

    public void StageScheduled(EventUnitOfWork unit, string hash, DateTimeOffset effectiveFrom) =>
        unit.SortedSetAdd(ScheduledKey, hash, effectiveFrom.ToUnixTimeMilliseconds());

    /// <summary>Makes <paramref name="hash"/> active, if the active one is still <paramref name="previous"/>.</summary>
    public void StageActivation(EventUnitOfWork unit, string hash, string? previous)
    {
        if (previous is null)
            unit.RequireAbsent(ActiveKey);
        else
            unit.RequireEqual(ActiveKey, previous);
        unit.Set(ActiveKey, hash);
        unit.SortedSetRemove(ScheduledKey, hash);
    }

    /// <summary>A scheduled rule set that a later due one overtook never takes effect.</summary>
    public void StageActivationSkipped(EventUnitOfWork unit, string hash) => unit.SortedSetRemove(ScheduledKey, hash);

    /// <summary>An evaluation commits only under the rule set still in force, so an activation never races past it.</summary>
    public void StageActiveUnchanged(EventUnitOfWork unit, string hash) => unit.RequireEqual(ActiveKey, hash);

    /// <summary>Scheduled rule sets whose time has come, earliest first.</summary>
    public async Task<string[]> DueAsync(DateTimeOffset now)
    {
        var due = await reader.ReadAsync(db =>
            db.SortedSetRangeByScoreAsync(ScheduledKey, double.NegativeInfinity, now.ToUnixTimeMilliseconds()), CancellationToken.None);
        return Array.ConvertAll(due, h => h.ToString());
    }

    public async Task<string?> IdempotentPublicationAsync(string key) =>
        (string?)await reader.ReadAsync(db => db.StringGetAsync(IdempotencyKey(key)), CancellationToken.None);

    public void StageIdempotency(EventUnitOfWork unit, string key, string hash, TimeSpan retention)
    {
        unit.RequireAbsent(IdempotencyKey(key));
        unit.Set(IdempotencyKey(key), hash, retention);
    }

    private static DateTimeOffset FromMilliseconds(RedisValue value) => DateTimeOffset.FromUnixTimeMilliseconds((long)value);
}

public enum PublicationStatus
{
    Scheduled,
    Active,
    Superseded,
}

public sealed record PublishedRuleSet(string Hash, string Document, DateTimeOffset PublishedAt, string PublishedBy,
    DateTimeOffset EffectiveFrom, PublicationStatus Status);

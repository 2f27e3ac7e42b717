using System.Text.Json;
using Google.Protobuf;
using StackExchange.Redis;
using TalentMesh.Contracts.Redemption.V1;
using TalentMesh.EventBus.Outbox;
using TalentMesh.Redemption.Eligibility;
using TalentMesh.ServiceDefaults.Redis;
using RedemptionView = TalentMesh.Contracts.Redemption.V1.Redemption;

namespace TalentMesh.Redemption.Redemptions;

/// <summary>
/// Redemptions in Redis: redemption:{id} (hash: data = the Redemption message, rev, suspended_from, reserved, group),
/// the indexes "redemptions" and talent-redemptions:{talent} (by request time), the talent's holdings
/// holdings:{talent} (p:{policy} and g:{group} → live redemption id), frequency:{talent}:{policy} (counted requests)
/// and the append-only audit:{id} list.
/// </summary>
public sealed class RedemptionStore(RedisReader reader, RedisKeyspace keyspace)
{
    private RedisKey RecordKey(string id) => keyspace.Key("redemption", id);
    private RedisKey All => keyspace.Key("redemptions");
    private RedisKey OfTalent(string talent) => keyspace.Key("talent-redemptions", talent);
    private RedisKey Holdings(string talent) => keyspace.Key("holdings", talent);
    private RedisKey Frequency(string talent, string policy) => keyspace.Key("frequency", $"{talent}:{policy}");
    private RedisKey Audit(string id) => keyspace.Key("audit", id);

    public sealed record Stored(RedemptionRecord Record, long Revision);

    public async Task<Stored?> LoadAsync(string id, CancellationToken cancellationToken) =>
        (await LoadManyAsync([id], cancellationToken))[0];

    public async Task<IReadOnlyList<Stored?>> LoadManyAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var rows = await reader.ReadAsync(db => Task.WhenAll(ids.Select(id => db.HashGetAsync(RecordKey(id), ["data", "rev", "suspended_from", "reserved", "group", "place"]))), cancellationToken);
        return [.. rows.Select(f => f[0].IsNull ? null : new Stored(
            new RedemptionRecord(RedemptionView.Parser.ParseFrom((byte[])f[0]!), (RedemptionStatus)(int)f[2], (long)f[3], f[4].ToString(), (int)f[5] == 1), (long)f[1]))];
    }

    public async Task<TalentHoldings> LoadHoldingsAsync(string talentId, string policyId, CancellationToken cancellationToken) =>
        await reader.ReadAsync(db => ReadHoldingsAsync(db, talentId, policyId), cancellationToken);

    /// <summary>The holdings read on <paramref name="db"/> (a batch of reads sent together, inside the caller's resilience pipeline).</summary>
    public async Task<TalentHoldings> ReadHoldingsAsync(IDatabaseAsync db, string talentId, string policyId)
    {
        var held = db.HashGetAllAsync(Holdings(talentId));
        var counted = db.SortedSetRangeByRankWithScoresAsync(Frequency(talentId, policyId));
        return ToHoldings(await held, await counted);
    }

    /// <summary>
    /// Holdings with the frequency counts of several policies (for listing eligible benefits), read on
    /// <paramref name="db"/> (reads sent together, inside the caller's pass).
    /// </summary>
    public async Task<Func<string, TalentHoldings>> ReadHoldingsForAsync(IDatabaseAsync db, string talentId, IReadOnlyList<string> policyIds)
    {
        var reading = db.HashGetAllAsync(Holdings(talentId));
        var counting = Task.WhenAll(policyIds.Select(p => db.SortedSetRangeByRankWithScoresAsync(Frequency(talentId, p))));
        var (held, counted) = (await reading, await counting);
        var byPolicy = policyIds.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => ToHoldings(held, counted[x.i]));
        return policy => byPolicy.TryGetValue(policy, out var holdings) ? holdings : ToHoldings(held, []);
    }

    private static TalentHoldings ToHoldings(HashEntry[] held, SortedSetEntry[] counted) => new(
        held.Where(e => e.Name.StartsWith("p:")).ToDictionary(e => e.Name.ToString()[2..], e => e.Value.ToString()),
        held.Where(e => e.Name.StartsWith("g:")).ToDictionary(e => e.Name.ToString()[2..], e => e.Value.ToString()),
        [.. counted.Select(e => DateTimeOffset.FromUnixTimeMilliseconds((long)e.Score))]);

    /// <summary>
    /// Records a transition: the record (only if its revision is still <paramref name="revision"/>; 0 = new), the
    /// holdings it takes or frees, its audit entry and its events. Budget, schedule and notification are added by the caller.
    /// </summary>
    public void Write(EventUnitOfWork unit, Transition transition, long revision, string actor, DateTimeOffset now)
    {
        var after = transition.After;
        var view = after.View;
        var key = RecordKey(after.Id);
        unit.RequireHashEqual(key, "rev", revision == 0 ? RedisValue.Null : revision);
        unit.HashSet(key,
            new HashEntry("data", view.ToByteArray()), new HashEntry("rev", revision + 1),
            new HashEntry("suspended_from", (int)after.SuspendedFrom), new HashEntry("reserved", after.ReservedFen),
            new HashEntry("group", after.ExclusionGroup), new HashEntry("place", after.HasPlace ? 1 : 0));
        if (revision == 0)
        {
            var at = view.RequestedAt.ToDateTimeOffset().ToUnixTimeMilliseconds();
            unit.SortedSetAdd(All, after.Id, at);
            unit.SortedSetAdd(OfTalent(view.TalentId), after.Id, at);
        }
        var holdings = Holdings(view.TalentId);
        switch (transition.Holdings)
        {
            case HoldingChange.Acquire:
                unit.RequireHashEqual(holdings, "p:" + view.PolicyId, RedisValue.Null);
                unit.HashSet(holdings, new HashEntry("p:" + view.PolicyId, after.Id));
                if (after.ExclusionGroup.Length > 0)
                {
                    unit.RequireHashEqual(holdings, "g:" + after.ExclusionGroup, RedisValue.Null);
                    unit.HashSet(holdings, new HashEntry("g:" + after.ExclusionGroup, after.Id));
                }
                unit.SortedSetAdd(Frequency(view.TalentId, view.PolicyId), after.Id, view.RequestedAt.ToDateTimeOffset().ToUnixTimeMilliseconds());
                break;
            case HoldingChange.ReleasePolicy:
                unit.HashDelete(holdings, "p:" + view.PolicyId);
                break;
            case HoldingChange.ReleaseAll:
                unit.HashDelete(holdings, "p:" + view.PolicyId);
                if (after.ExclusionGroup.Length > 0)
                    unit.HashDelete(holdings, "g:" + after.ExclusionGroup);
                if (view.InstallmentsPaid == 0)
                    unit.SortedSetRemove(Frequency(view.TalentId, view.PolicyId), after.Id);
                break;
        }
        unit.Write("RPUSH", Audit(after.Id), JsonSerializer.Serialize(new AuditEntry(now, actor, transition.Action, transition.From.ToString(), transition.To.ToString())));
        foreach (var @event in transition.Events)
            unit.Publish(@event);
    }

    public async Task<IReadOnlyList<AuditEntry>> AuditTrailAsync(string id, CancellationToken cancellationToken)
    {
        var entries = await reader.ReadAsync(db => db.ListRangeAsync(Audit(id)), cancellationToken);
        return [.. entries.Select(e => JsonSerializer.Deserialize<AuditEntry>(e.ToString())!)];
    }

    /// <summary>Redemption ids newest first, of one talent or of all, skipping <paramref name="offset"/>.</summary>
    public async Task<IReadOnlyList<string>> PageIdsAsync(string? talentId, long offset, int count, CancellationToken cancellationToken) =>
        await reader.ReadAsync(db => ReadPageIdsAsync(db, talentId, offset, count), cancellationToken);

    /// <summary><see cref="PageIdsAsync"/> on <paramref name="db"/> (reads sent together, inside the caller's pass).</summary>
    public async Task<IReadOnlyList<string>> ReadPageIdsAsync(IDatabaseAsync db, string? talentId, long offset, int count)
    {
        var ids = await db.SortedSetRangeByRankAsync(talentId is null ? All : OfTalent(talentId), offset, offset + count - 1, Order.Descending);
        return [.. ids.Select(i => i.ToString())];
    }

    public async Task<IReadOnlyList<RedemptionRecord>> OfTalentAsync(string talentId, CancellationToken cancellationToken)
    {
        var ids = await reader.ReadAsync(db => db.SortedSetRangeByRankAsync(OfTalent(talentId)), cancellationToken);
        var stored = await LoadManyAsync([.. ids.Select(i => i.ToString())], cancellationToken);
        return [.. stored.Where(s => s is not null).Select(s => s!.Record)];
    }
}

/// <summary>One line of a redemption's append-only audit trail.</summary>
public sealed record AuditEntry(DateTimeOffset At, string Actor, string Action, string From, string To);

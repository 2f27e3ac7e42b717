using StackExchange.Redis;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.EventBus.Outbox;
using TalentMesh.ServiceDefaults.Concurrency;
using TalentMesh.ServiceDefaults.Redis;

namespace TalentMesh.Registration.Tiers;

/// <summary>The tier projection, one hash per talent; the evaluation sequence guards against stale results.</summary>
public sealed class TierStore(RedisReader reader, RedisKeyspace keyspace, WatchSignal watchers)
{
    private const string Sequence = "seq", TierField = "tier", Vetoed = "vetoed", ValidUntil = "until";

    private RedisKey Key(string talentId) => keyspace.Key("tier", talentId);

    public async Task<TierStanding?> FindAsync(string talentId, CancellationToken cancellationToken) =>
        await reader.ReadAsync(db => ReadAsync(db, talentId), cancellationToken);

    /// <summary><see cref="FindAsync"/> on <paramref name="db"/>, inside the caller's resilience pipeline (reads sent together).</summary>
    public async Task<TierStanding?> ReadAsync(IDatabaseAsync db, string talentId)
    {
        var values = await db.HashGetAsync(Key(talentId), [Sequence, TierField, Vetoed, ValidUntil]);
        if (values[0].IsNull)
            return null;
        var until = (long)values[3];
        return new TierStanding((long)values[0], (Tier)(int)values[1], (long)values[2] == 1,
            until == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(until));
    }

    /// <summary>Records <paramref name="standing"/> if the stored sequence is still <paramref name="expectedSequence"/> (null: none stored).</summary>
    public void Save(EventUnitOfWork unit, string talentId, TierStanding standing, long? expectedSequence)
    {
        unit.RequireHashEqual(Key(talentId), Sequence, expectedSequence is { } sequence ? sequence : RedisValue.Null);
        unit.OnCommitted(() => watchers.Wake(talentId)); // the talent's own watch (WatchMyTalent) shows the new tier
        unit.HashSet(Key(talentId),
            new HashEntry(Sequence, standing.Sequence),
            new HashEntry(TierField, (int)standing.Tier),
            new HashEntry(Vetoed, standing.Vetoed ? 1 : 0),
            new HashEntry(ValidUntil, standing.CertificationValidUntil?.ToUnixTimeMilliseconds() ?? 0));
    }
}

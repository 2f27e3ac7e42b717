using Google.Protobuf;
using StackExchange.Redis;
using TalentMesh.Contracts.Registration.V1;
using TalentMesh.EventBus.Outbox;
using TalentMesh.ServiceDefaults.Concurrency;
using TalentMesh.ServiceDefaults.Redis;

namespace TalentMesh.Registration.Talents;

/// <summary>
/// Talents in Redis: a hash per talent (version, the Talent message, encrypted numbers), the blind index that makes an
/// identity number registrable once, and the idempotency records of RegisterTalent. The only class that knows these keys.
/// </summary>
public sealed class TalentStore(RedisReader reader, RedisKeyspace keyspace, WatchSignal watchers)
{
    private const string Version = "v", Data = "d", IdentityNumber = "idn", Phone = "ph";

    /// <summary>An idempotency record outlives any sensible client retry.</summary>
    private static readonly TimeSpan IdempotencyRetention = TimeSpan.FromDays(7);

    private RedisKey TalentKey(string talentId) => keyspace.Key("talent", talentId);

    private RedisKey IdentityIndexKey(string blindIndex) => keyspace.Key("talent-identity", blindIndex);

    private RedisKey IdempotencyKey(string talentId, string key) => keyspace.Key("talent-idempotency", talentId + ":" + key);

    public async Task<StoredTalent?> FindAsync(string talentId, CancellationToken cancellationToken) =>
        await reader.ReadAsync(db => ReadAsync(db, talentId), cancellationToken);

    /// <summary><see cref="FindAsync"/> on <paramref name="db"/>, inside the caller's resilience pipeline (reads sent together).</summary>
    public async Task<StoredTalent?> ReadAsync(IDatabaseAsync db, string talentId)
    {
        var fields = await db.HashGetAsync(TalentKey(talentId), [Version, Data, IdentityNumber, Phone]);
        if (fields[0].IsNull)
            return null;
        return new StoredTalent(Talent.Parser.ParseFrom((byte[])fields[1]!), fields[2]!, fields[3]!, (long)fields[0]);
    }

    /// <summary>Whether the talent exists, on <paramref name="db"/>, inside the caller's resilience pipeline.</summary>
    public Task<bool> ExistsAsync(IDatabaseAsync db, string talentId) => db.KeyExistsAsync(TalentKey(talentId));

    /// <summary>The Talent message alone (no encrypted numbers) on <paramref name="db"/>, inside the caller's resilience pipeline.</summary>
    public async Task<Talent?> ReadTalentAsync(IDatabaseAsync db, string talentId)
    {
        var data = await db.HashGetAsync(TalentKey(talentId), Data);
        return data.IsNull ? null : Talent.Parser.ParseFrom((byte[])data!);
    }

    /// <summary>
    /// What a registration needs to know, in one round trip: the fingerprint stored under the idempotency key, whether
    /// the identity number is taken and whether the talent exists.
    /// </summary>
    public async Task<(string? Fingerprint, bool IdentityTaken, bool TalentExists)> RegistrationStateAsync(
        string talentId, string idempotencyKey, string identityIndex, CancellationToken cancellationToken) =>
        await reader.ReadAsync(async db =>
        {
            var values = db.StringGetAsync([IdempotencyKey(talentId, idempotencyKey), IdentityIndexKey(identityIndex)]);
            var exists = db.KeyExistsAsync(TalentKey(talentId));
            var (read, talent) = (await values, await exists);
            return (read[0].IsNull ? null : (string?)read[0], !read[1].IsNull, talent);
        }, cancellationToken);

    /// <summary>Creates the talent, claiming its identity number and idempotency key; the commit fails if any exists.</summary>
    public void Create(EventUnitOfWork unit, StoredTalent talent, string identityIndex, string idempotencyKey, string fingerprint)
    {
        var id = talent.Talent.TalentId;
        unit.RequireAbsent(TalentKey(id));
        unit.RequireAbsent(IdentityIndexKey(identityIndex));
        unit.RequireAbsent(IdempotencyKey(id, idempotencyKey));
        unit.Set(IdentityIndexKey(identityIndex), id);
        unit.Set(IdempotencyKey(id, idempotencyKey), fingerprint, IdempotencyRetention);
        Write(unit, talent with { Version = 1 });
    }

    /// <summary>Replaces the talent if nobody changed it since <paramref name="expectedVersion"/> was read.</summary>
    public void Update(EventUnitOfWork unit, StoredTalent talent, long expectedVersion)
    {
        unit.RequireHashEqual(TalentKey(talent.Talent.TalentId), Version, expectedVersion);
        unit.OnCommitted(() => watchers.Wake(talent.Talent.TalentId)); // the talent's own watch (WatchMyTalent)
        Write(unit, talent with { Version = expectedVersion + 1 });
    }

    private void Write(EventUnitOfWork unit, StoredTalent talent) =>
        unit.HashSet(TalentKey(talent.Talent.TalentId),
            new HashEntry(Version, talent.Version),
            new HashEntry(Data, talent.Talent.ToByteArray()),
            new HashEntry(IdentityNumber, talent.ProtectedIdentityNumber),
            new HashEntry(Phone, talent.ProtectedPhone));
}

using System.Text.Json;
using StackExchange.Redis;
using TalentMesh.EventBus.Outbox;
using TalentMesh.ServiceDefaults.Redis;

namespace TalentMesh.Registration.TalentCodes;

/// <summary>
/// Code serials in Redis: one record per serial, the talent's active serial, the revocation index (scored by the
/// serial's end of validity, so the published list drops what no longer matters) and IssueTalentCode's idempotency keys.
/// </summary>
public sealed class TalentCodeStore(RedisReader reader, RedisKeyspace keyspace)
{
    private static readonly TimeSpan IdempotencyRetention = TimeSpan.FromDays(7);

    private RedisKey SerialKey(string serial) => keyspace.Key("code", serial);

    private RedisKey ActiveKey(string talentId) => keyspace.Key("code-active", talentId);

    private RedisKey IdempotencyKey(string talentId, string key) => keyspace.Key("code-idempotency", talentId + ":" + key);

    private RedisKey Revocations => keyspace.Key("code-revocations");

    /// <summary>A code serial's record, on <paramref name="db"/>, inside the caller's resilience pipeline (reads sent together).</summary>
    public async Task<CodeSerial?> ReadAsync(IDatabaseAsync db, string serial)
    {
        var value = await db.StringGetAsync(SerialKey(serial));
        return value.IsNull ? null : JsonSerializer.Deserialize<CodeSerial>((string)value!);
    }

    /// <summary>
    /// The talent's active code on <paramref name="db"/>, inside the caller's resilience pipeline: the active serial,
    /// then its record (two round trips, one pass).
    /// </summary>
    public async Task<CodeSerial?> ReadActiveAsync(IDatabaseAsync db, string talentId)
    {
        var serial = await db.StringGetAsync(ActiveKey(talentId));
        return serial.IsNull ? null : await ReadAsync(db, serial!);
    }

    /// <summary>
    /// The serial an earlier IssueTalentCode with this idempotency key issued, and its record (null when the record is
    /// gone), on <paramref name="db"/>, inside the caller's resilience pipeline; null when the key was never used.
    /// </summary>
    public async Task<(string Serial, CodeSerial? Record)?> ReadByIdempotencyKeyAsync(IDatabaseAsync db, string talentId, string key)
    {
        var serial = await db.StringGetAsync(IdempotencyKey(talentId, key));
        return serial.IsNull ? null : ((string)serial!, await ReadAsync(db, serial!));
    }

    /// <summary>Serials revoked whose validity has not ended at <paramref name="now"/>.</summary>
    public async Task<IReadOnlyList<string>> RevokedSerialsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var serials = await reader.ReadAsync(db =>
            db.SortedSetRangeByScoreAsync(Revocations, now.ToUnixTimeMilliseconds(), double.PositiveInfinity, Exclude.Start), cancellationToken);
        return serials.Select(serial => (string)serial!).ToList();
    }

    /// <summary>Commit only if the talent's active serial is still <paramref name="serial"/> (null: none).</summary>
    public void RequireActive(EventUnitOfWork unit, string talentId, string? serial)
    {
        if (serial is null)
            unit.RequireAbsent(ActiveKey(talentId));
        else
            unit.RequireEqual(ActiveKey(talentId), serial);
    }

    public void SaveRevoked(EventUnitOfWork unit, CodeSerial revoked, bool wasActive)
    {
        unit.Set(SerialKey(revoked.Serial), JsonSerializer.Serialize(revoked));
        unit.SortedSetAdd(Revocations, revoked.Serial, revoked.ValidUntil.ToUnixTimeMilliseconds());
        if (wasActive)
            unit.Delete(ActiveKey(revoked.TalentId));
    }

    public void SaveIssued(EventUnitOfWork unit, CodeSerial issued)
    {
        unit.RequireAbsent(SerialKey(issued.Serial));
        unit.Set(SerialKey(issued.Serial), JsonSerializer.Serialize(issued));
        unit.Set(ActiveKey(issued.TalentId), issued.Serial);
    }

    public void ClaimIdempotencyKey(EventUnitOfWork unit, string talentId, string key, string serial)
    {
        unit.RequireAbsent(IdempotencyKey(talentId, key));
        unit.Set(IdempotencyKey(talentId, key), serial, IdempotencyRetention);
    }
}

using System.Security.Cryptography;
using Google.Protobuf;
using StackExchange.Redis;
using TalentMesh.EventBus.Outbox;
using TalentMesh.ServiceDefaults.Errors;
using TalentMesh.ServiceDefaults.Redis;

namespace TalentMesh.Redemption.Idempotency;

/// <summary>
/// Idempotency keys: per caller and operation, the key remembers a fingerprint of the request and the id of what it
/// produced. A retry with the same request gets the same resource; the same key with another request is ALREADY_EXISTS.
/// The record is written in the same unit of work as the effect, guarded by "absent", so two racing retries commit once.
/// </summary>
public sealed class IdempotencyStore(RedisReader reader, RedisKeyspace keyspace)
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    public RedisKey Key(string caller, string operation, string key) => keyspace.Key("idem", $"{operation}:{caller}:{key}");

    public static string Fingerprint(IMessage request) => Convert.ToHexStringLower(SHA256.HashData(request.ToByteArray()));

    /// <summary>The resource id an earlier identical request produced; null when the key is new.</summary>
    public async Task<string?> FindAsync(RedisKey key, string fingerprint, CancellationToken cancellationToken) =>
        await reader.ReadAsync(db => ReadAsync(db, key, fingerprint), cancellationToken);

    /// <summary><see cref="FindAsync"/> on <paramref name="db"/> (a batch of reads sent together, inside the caller's resilience pipeline).</summary>
    public static async Task<string?> ReadAsync(IDatabaseAsync db, RedisKey key, string fingerprint)
    {
        var stored = await db.StringGetAsync(key);
        if (stored.IsNull)
            return null;
        var text = stored.ToString();
        var separator = text.IndexOf('|');
        if (text[..separator] != fingerprint)
            throw new AlreadyExistsException("The idempotency key was used with a different request.");
        return text[(separator + 1)..];
    }

    public static void Record(EventUnitOfWork unit, RedisKey key, string fingerprint, string resourceId)
    {
        unit.RequireAbsent(key);
        unit.Set(key, $"{fingerprint}|{resourceId}", Retention);
    }
}

using Google.Protobuf;
using StackExchange.Redis;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Registration.V1;
using TalentMesh.EventBus.Outbox;
using TalentMesh.ServiceDefaults.Redis;

namespace TalentMesh.Registration.Credentials;

/// <summary>
/// Credentials in Redis: a hash per credential (version, message, employer), a talent's credentials by submission
/// time, the HR queue (all pending, and per type and per employer, each scored by submission time) and SubmitCredential's
/// idempotency keys. The only class that knows these keys.
/// </summary>
public sealed class CredentialStore(RedisReader reader, RedisKeyspace keyspace)
{
    private const string Version = "v", Data = "d", Employer = "e";
    private static readonly TimeSpan IdempotencyRetention = TimeSpan.FromDays(7);

    private RedisKey CredentialKey(string id) => keyspace.Key("credential", id);

    private RedisKey TalentIndex(string talentId) => keyspace.Key("talent-credentials", talentId);

    private RedisKey IdempotencyKey(string talentId, string key) => keyspace.Key("credential-idempotency", talentId + ":" + key);

    /// <summary>The pending queue narrowed by at most one filter (the most selective one given).</summary>
    public RedisKey PendingQueue(CredentialType type, string employer) =>
        employer.Length > 0 ? keyspace.Key("pending-credentials:employer", employer)
        : type != CredentialType.Unspecified ? keyspace.Key("pending-credentials:type", ((int)type).ToString(System.Globalization.CultureInfo.InvariantCulture))
        : keyspace.Key("pending-credentials");

    public async Task<StoredCredential?> FindAsync(string credentialId, CancellationToken cancellationToken)
    {
        var fields = await reader.ReadAsync(db => db.HashGetAsync(CredentialKey(credentialId), [Version, Data, Employer]), cancellationToken);
        return fields[0].IsNull ? null : new StoredCredential(Credential.Parser.ParseFrom((byte[])fields[1]!), fields[2]!, (long)fields[0]);
    }

    public async Task<IReadOnlyList<StoredCredential>> FindManyAsync(IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var all = await reader.ReadAsync(async db =>
        {
            var batch = db.CreateBatch();
            var reads = ids.Select(id => batch.HashGetAsync(CredentialKey(id), [Version, Data, Employer])).ToList();
            batch.Execute();
            return await Task.WhenAll(reads);
        }, cancellationToken);
        return all.Where(fields => !fields[0].IsNull)
            .Select(fields => new StoredCredential(Credential.Parser.ParseFrom((byte[])fields[1]!), fields[2]!, (long)fields[0]))
            .ToList();
    }

    /// <summary>"fingerprint credentialId" of an earlier submission under this key, or null.</summary>
    public async Task<(string Fingerprint, string CredentialId)?> FindByIdempotencyKeyAsync(string talentId, string key, CancellationToken cancellationToken) =>
        await reader.ReadAsync(db => ReadByIdempotencyKeyAsync(db, talentId, key), cancellationToken);

    /// <summary><see cref="FindByIdempotencyKeyAsync"/> on <paramref name="db"/>, inside the caller's resilience pipeline (reads sent together).</summary>
    public async Task<(string Fingerprint, string CredentialId)?> ReadByIdempotencyKeyAsync(IDatabaseAsync db, string talentId, string key)
    {
        var value = await db.StringGetAsync(IdempotencyKey(talentId, key));
        if (value.IsNull)
            return null;
        var parts = ((string)value!).Split(' ');
        return (parts[0], parts[1]);
    }

    /// <summary>Ids in a sorted set by score range, ascending or descending, with their scores.</summary>
    public async Task<SortedSetEntry[]> RangeAsync(RedisKey set, double from, double to, Order order, int take, CancellationToken cancellationToken) =>
        await reader.ReadAsync(db => db.SortedSetRangeByScoreWithScoresAsync(
            set, order == Order.Ascending ? from : to, order == Order.Ascending ? to : from, Exclude.None, order, 0, take), cancellationToken);

    public async Task<long> CountAsync(RedisKey set, double from, double to, CancellationToken cancellationToken) =>
        await reader.ReadAsync(db => db.SortedSetLengthAsync(set, from, to), cancellationToken);

    public RedisKey TalentCredentials(string talentId) => TalentIndex(talentId);

    public void Create(EventUnitOfWork unit, StoredCredential stored, string idempotencyKey, string fingerprint)
    {
        var credential = stored.Credential;
        unit.RequireAbsent(CredentialKey(credential.CredentialId));
        unit.RequireAbsent(IdempotencyKey(credential.TalentId, idempotencyKey));
        unit.Set(IdempotencyKey(credential.TalentId, idempotencyKey), fingerprint + " " + credential.CredentialId, IdempotencyRetention);
        Write(unit, stored with { Version = 1 });
        var score = credential.SubmittedAt.ToDateTimeOffset().ToUnixTimeMilliseconds();
        unit.SortedSetAdd(TalentIndex(credential.TalentId), credential.CredentialId, score);
        foreach (var queue in Queues(stored))
            unit.SortedSetAdd(queue, credential.CredentialId, score);
    }

    /// <summary>Writes a decision if the credential is still at <paramref name="expectedVersion"/>; a decided credential leaves the queues.</summary>
    public void Update(EventUnitOfWork unit, StoredCredential stored, long expectedVersion)
    {
        unit.RequireHashEqual(CredentialKey(stored.Credential.CredentialId), Version, expectedVersion);
        Write(unit, stored with { Version = expectedVersion + 1 });
        if (stored.Credential.Status != CredentialStatus.Submitted)
        {
            foreach (var queue in Queues(stored))
                unit.SortedSetRemove(queue, stored.Credential.CredentialId);
        }
    }

    private IEnumerable<RedisKey> Queues(StoredCredential stored) =>
    [
        PendingQueue(CredentialType.Unspecified, ""),
        PendingQueue(stored.Credential.CredentialType, ""),
        PendingQueue(CredentialType.Unspecified, stored.EmployerCreditCode),
    ];

    private void Write(EventUnitOfWork unit, StoredCredential stored) =>
        unit.HashSet(CredentialKey(stored.Credential.CredentialId),
            new HashEntry(Version, stored.Version),
            new HashEntry(Data, stored.Credential.ToByteArray()),
            new HashEntry(Employer, stored.EmployerCreditCode));
}

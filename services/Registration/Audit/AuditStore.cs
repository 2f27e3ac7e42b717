using Google.Protobuf;
using StackExchange.Redis;
using TalentMesh.Contracts.Registration.V1;
using TalentMesh.EventBus.Outbox;
using TalentMesh.ServiceDefaults.Redis;

namespace TalentMesh.Registration.Audit;

/// <summary>
/// The append-only audit trail, one Redis stream per talent. Entries join the unit of work of the change they
/// describe, so a change without its entry (or an entry without its change) cannot exist. Nothing deletes or edits them.
/// </summary>
public sealed class AuditStore(RedisReader reader, RedisKeyspace keyspace)
{
    private const string Field = "e";

    private RedisKey Trail(string talentId) => keyspace.Key("audit", talentId);

    public void Append(EventUnitOfWork unit, AuditEntry entry) =>
        unit.Write("XADD", Trail(entry.TalentId), "*", Field, entry.ToByteArray());

    /// <summary>Entries after <paramref name="afterId"/> (stream id; empty = from the start), oldest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(string talentId, string afterId, int count, CancellationToken cancellationToken)
    {
        var start = afterId.Length == 0 ? "-" : "(" + afterId;
        var entries = await reader.ReadAsync(db => db.StreamRangeAsync(Trail(talentId), start, "+", count), cancellationToken);
        return entries.Select(entry =>
        {
            var audit = AuditEntry.Parser.ParseFrom((byte[])entry[Field]!);
            audit.EntryId = entry.Id.ToString();
            return audit;
        }).ToList();
    }
}

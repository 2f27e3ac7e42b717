using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using StackExchange.Redis;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Events.V1;
using TalentMesh.Contracts.Redemption.V1;
using TalentMesh.EventBus.Outbox;
using TalentMesh.ServiceDefaults.Concurrency;
using TalentMesh.ServiceDefaults.Redis;

namespace TalentMesh.Redemption.Notifications;

/// <summary>
/// A talent's inbox: notifications:{talent} (hash: notification id → Notification), notification-feed:{talent} (a
/// stream of ids in creation order: the cursor for paging and for resuming a watch), notifications-unread:{talent}
/// (counter) and notified:{talent} (policies the talent was already told about). Writes ride on the caller's unit of work, so a notification exists exactly when its cause committed; the commit wakes the talent's watchers (<see cref="WatchSignal"/>).
/// </summary>
public sealed class NotificationStore(RedisReader reader, RedisKeyspace keyspace, WatchSignal signal)
{
    public const int FeedLength = 1_000;

    private RedisKey Items(string talent) => keyspace.Key("notifications", talent);
    private RedisKey Feed(string talent) => keyspace.Key("notification-feed", talent);
    private RedisKey Unread(string talent) => keyspace.Key("notifications-unread", talent);
    private RedisKey Notified(string talent) => keyspace.Key("notified", talent);

    public string Add(EventUnitOfWork unit, string talentId, NotificationKind kind, string title, string body, string policyId, string redemptionId, DateTimeOffset now)
    {
        var notification = new Notification
        {
            NotificationId = "ntf_" + Guid.CreateVersion7().ToString("N"), TalentId = talentId, Kind = kind, Title = title, Body = body,
            PolicyId = policyId, RedemptionId = redemptionId, CreatedAt = Timestamp.FromDateTimeOffset(now),
        };
        unit.HashSet(Items(talentId), new HashEntry(notification.NotificationId, notification.ToByteArray()));
        unit.Write("XADD", Feed(talentId), "MAXLEN", "~", FeedLength, "*", "id", notification.NotificationId);
        unit.Increment(Unread(talentId));
        unit.OnCommitted(() => signal.Wake(talentId));
        unit.Publish(new NotificationCreated
        {
            NotificationId = notification.NotificationId, TalentId = talentId, Kind = kind, PolicyId = policyId,
            RedemptionId = redemptionId, OccurredAt = notification.CreatedAt,
        });
        return notification.NotificationId;
    }

    public void MarkNotified(EventUnitOfWork unit, string talentId, string policyId) => unit.SetAdd(Notified(talentId), policyId);

    /// <summary>
    /// The policies the talent was told about (a handful per talent: read whole), on <paramref name="db"/> with the
    /// handler's other reads (sent together, inside the caller's pass).
    /// </summary>
    public async Task<IReadOnlySet<string>> ReadNotifiedPoliciesAsync(IDatabaseAsync db, string talentId) =>
        (await db.SetMembersAsync(Notified(talentId))).Select(m => m.ToString()).ToHashSet(StringComparer.Ordinal);

    public async Task<bool[]> WereNotifiedAsync(IReadOnlyList<string> talentIds, string policyId, CancellationToken cancellationToken) =>
        await reader.ReadAsync(async db =>
        {
            var batch = db.CreateBatch();
            var checks = talentIds.Select(t => batch.SetContainsAsync(Notified(t), policyId)).ToArray();
            batch.Execute();
            return await Task.WhenAll(checks);
        }, cancellationToken);

    public async Task<(Notification? Item, byte[]? Raw)> GetAsync(string talentId, string notificationId, CancellationToken cancellationToken)
    {
        var value = await reader.ReadAsync(db => db.HashGetAsync(Items(talentId), notificationId), cancellationToken);
        return value.IsNull ? (null, null) : (Notification.Parser.ParseFrom((byte[])value!), (byte[])value!);
    }

    /// <summary>Marks read if the stored bytes are still <paramref name="seen"/> (a concurrent mark counts once).</summary>
    public void MarkRead(EventUnitOfWork unit, Notification read, byte[] seen)
    {
        unit.RequireHashEqual(Items(read.TalentId), read.NotificationId, seen);
        unit.HashSet(Items(read.TalentId), new HashEntry(read.NotificationId, read.ToByteArray()));
        unit.Increment(Unread(read.TalentId), -1);
    }

    public async Task<long> UnreadCountAsync(string talentId, CancellationToken cancellationToken)
    {
        var value = await reader.ReadAsync(db => db.StringGetAsync(Unread(talentId)), cancellationToken);
        return value.IsNull ? 0 : (long)value;
    }

    /// <summary>Feed entries (stream id, notification id) after <paramref name="afterEntry"/> ("" = from the start), oldest first.</summary>
    public async Task<IReadOnlyList<(string Entry, string Id)>> AfterAsync(string talentId, string afterEntry, int count, CancellationToken cancellationToken)
    {
        var entries = await reader.ReadAsync(db => db.StreamRangeAsync(Feed(talentId), afterEntry.Length == 0 ? "-" : "(" + afterEntry, "+", count), cancellationToken);
        return [.. entries.Select(e => (e.Id.ToString(), e["id"].ToString()))];
    }

    /// <summary>Feed entries before <paramref name="beforeEntry"/> ("" = from the newest), newest first.</summary>
    public async Task<IReadOnlyList<(string Entry, string Id)>> BeforeAsync(string talentId, string beforeEntry, int count, CancellationToken cancellationToken)
    {
        var entries = await reader.ReadAsync(db => db.StreamRangeAsync(Feed(talentId), "-", beforeEntry.Length == 0 ? "+" : "(" + beforeEntry, count, Order.Descending), cancellationToken);
        return [.. entries.Select(e => (e.Id.ToString(), e["id"].ToString()))];
    }

    /// <summary>The feed position of a notification, or null when the talent has no such notification.</summary>
    public async Task<string?> EntryOfAsync(string talentId, string notificationId, CancellationToken cancellationToken)
    {
        var before = "";
        while (true)
        {
            var page = await BeforeAsync(talentId, before, 500, cancellationToken);
            if (page.Count == 0)
                return null;
            foreach (var (entry, id) in page)
            {
                if (id == notificationId)
                    return entry;
            }
            before = page[^1].Entry;
        }
    }

    public async Task<IReadOnlyList<Notification>> LoadAsync(string talentId, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
            return [];
        var values = await reader.ReadAsync(db => db.HashGetAsync(Items(talentId), [.. ids.Select(i => (RedisValue)i)]), cancellationToken);
        return [.. values.Where(v => !v.IsNull).Select(v => Notification.Parser.ParseFrom((byte[])v!))];
    }
}

using StackExchange.Redis;
using TalentMesh.ServiceDefaults.Redis;

namespace TalentMesh.EventBus.Outbox;

/// <summary>Keys of the outbox and inbox inside the service's own keyspace.</summary>
public sealed class OutboxKeys(RedisKeyspace keyspace)
{
    public const string RelayGroup = "relay";

    public RedisKey OutboxStream { get; } = keyspace.Key("outbox");

    public RedisKey InboxMarker(string eventId) => keyspace.Key("inbox", eventId);
}

using StackExchange.Redis;

namespace TalentMesh.EventBus.Transport.Redis;

/// <summary>A stream entry as read from a topic, with how many times it has been delivered.</summary>
public sealed record ReceivedEntry(string PhysicalTopic, RedisValue Id, RedisValue Data, RedisValue Metadata, int DeliveryAttempt)
{
    public static ReceivedEntry From(string physicalTopic, StreamEntry entry, int deliveryAttempt) =>
        new(physicalTopic, entry.Id, entry[RedisStreamFields.Data], entry[RedisStreamFields.Metadata], deliveryAttempt);
}

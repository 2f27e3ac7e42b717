using Google.Protobuf;
using StackExchange.Redis;
using TalentMesh.EventBus.Events;

namespace TalentMesh.Testing;

/// <summary>
/// The topic streams as the redis transport (daprd's pubsub.redis format) lays them out: a test publishes a
/// neighbour's event exactly as that service would, and reads what the service under test published.
/// </summary>
public sealed class TopicStreams(IConnectionMultiplexer redis, string topicPrefix)
{
    /// <summary>Publishes <paramref name="event"/> as <paramref name="source"/> would (a new CloudEvent id unless given); returns the id.</summary>
    public async Task<string> PublishAsync(IMessage @event, string source, string? eventId = null)
    {
        var type = EventCatalog.For(@event);
        var id = eventId ?? Guid.CreateVersion7().ToString();
        var outgoing = new OutgoingEvent(id, type.CloudEventType, DateTimeOffset.UtcNow, ProtobufJson.Format(@event), null, null);
        var topic = topicPrefix + type.Topic;
        var envelope = CloudEventCodec.Encode(outgoing, source, "pubsub", topic);
        await redis.GetDatabase().StreamAddAsync(topic, "data", envelope.ToArray());
        return id;
    }

    /// <summary>Every <typeparamref name="TEvent"/> on its topic so far, oldest first, with its CloudEvent id.</summary>
    public async Task<IReadOnlyList<(string Id, TEvent Event)>> ReadAsync<TEvent>() where TEvent : IMessage<TEvent>, new()
    {
        var type = EventCatalog.For<TEvent>();
        var entries = await redis.GetDatabase().StreamRangeAsync(topicPrefix + type.Topic);
        var events = new List<(string, TEvent)>(entries.Length);
        foreach (var entry in entries)
        {
            var incoming = CloudEventCodec.Decode((byte[])entry["data"]!, type.Topic, 1);
            events.Add((incoming.Id, (TEvent)type.ParseJson(incoming.DataJson)));
        }
        return events;
    }

    /// <summary>How many entries the dead-letter topic of <typeparamref name="TEvent"/> holds.</summary>
    public async Task<long> DeadLetterCountAsync<TEvent>(string deadLetterSuffix = ".deadletter") where TEvent : IMessage<TEvent>, new() =>
        await redis.GetDatabase().StreamLengthAsync(topicPrefix + EventCatalog.For<TEvent>().Topic + deadLetterSuffix);
}

using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TalentMesh.EventBus.Outbox;

namespace TalentMesh.EventBus.Transport.Redis;

/// <summary>Publishes as daprd's pubsub.redis does: XADD &lt;topic&gt; MAXLEN ~ n * data &lt;CloudEvent JSON&gt;.</summary>
public sealed class RedisStreamsPublisher(IConnectionMultiplexer redis, TopicNames topics, IOptions<EventBusOptions> options) : IEventPublisher
{
    public Task PublishAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var topic = topics.Physical(entry.Topic);
        var body = CloudEventCodec.Encode(entry, settings.AppId, settings.PubSubName, topic);
        return redis.GetDatabase().StreamAddAsync(topic, RedisStreamFields.Data, body,
            maxLength: settings.MaxLenApprox, useApproximateMaxLength: true);
    }
}

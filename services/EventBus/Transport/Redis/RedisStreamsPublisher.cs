using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TalentMesh.EventBus.Outbox;

namespace TalentMesh.EventBus.Transport.Redis;

/// <summary>Publishes as daprd's pubsub.redis does: XADD &lt;topic&gt; MAXLEN ~ n * data &lt;CloudEvent JSON&gt;, a batch per write.</summary>
public sealed class RedisStreamsPublisher(IConnectionMultiplexer redis, TopicNames topics, IOptions<EventBusOptions> options) : IEventPublisher
{
    private readonly EventBusOptions settings = options.Value;

    public Task[] Publish(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        var batch = redis.GetDatabase().CreateBatch();
        var published = new Task[entries.Count];
        for (var i = 0; i < published.Length; i++)
        {
            var entry = entries[i];
            var topic = topics.Physical(entry.Topic);
            try
            {
                var body = CloudEventCodec.Encode(entry, settings.AppId, settings.PubSubName, topic);
                published[i] = batch.StreamAddAsync(topic, RedisStreamFields.Data, body,
                    maxLength: settings.MaxLenApprox, useApproximateMaxLength: true);
            }
            catch (Exception exception) when (exception is System.Text.Json.JsonException or ArgumentException or FormatException)
            {
                published[i] = Task.FromException(exception);
            }
        }
        batch.Execute();
        return published;
    }
}

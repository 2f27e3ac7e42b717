using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TalentMesh.EventBus.Outbox;

namespace TalentMesh.EventBus.Transport.Redis;

/// <summary>
/// Publishes as daprd's pubsub.redis does: XADD &lt;topic&gt; MAXLEN ~ n * data &lt;CloudEvent JSON&gt;. The envelope was
/// encoded at commit, so publishing moves bytes; a batch goes out in one write.
/// </summary>
public sealed class RedisStreamsPublisher(IConnectionMultiplexer redis, TopicNames topics, IOptions<EventBusOptions> options) : IEventPublisher
{
    private readonly EventBusOptions settings = options.Value;

    public Task[] Publish(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        var batch = redis.GetDatabase().CreateBatch();
        var published = new Task[entries.Count];
        for (var i = 0; i < published.Length; i++)
            published[i] = batch.StreamAddAsync(topics.Physical(entries[i].Topic), RedisStreamFields.Data, entries[i].CloudEvent,
                maxLength: settings.MaxLenApprox, useApproximateMaxLength: true);
        batch.Execute();
        return published;
    }
}

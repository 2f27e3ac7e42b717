using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TalentMesh.EventBus.Outbox;

namespace TalentMesh.EventBus.Transport.Redis;

/// <summary>
/// Publishes as daprd's pubsub.redis does: XADD &lt;topic&gt; MAXLEN ~ n * data &lt;CloudEvent JSON&gt;
/// (<see cref="TopicStreamEntry"/>). Under the redis transport units of work publish at commit; this publisher only
/// drains an outbox left by an older version. The envelope was encoded at commit, so publishing moves bytes; a batch
/// goes out in one write.
/// </summary>
public sealed class RedisStreamsPublisher(IConnectionMultiplexer redis, TopicNames topics, IOptions<EventBusOptions> options) : IEventPublisher
{
    private readonly EventBusOptions settings = options.Value;

    public Task[] Publish(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        var batch = redis.GetDatabase().CreateBatch();
        var published = new Task[entries.Count];
        for (var i = 0; i < published.Length; i++)
        {
            RedisKey topic = topics.Physical(entries[i].Topic);
            object[] arguments = [topic, .. TopicStreamEntry.Arguments(settings.MaxLenApprox, entries[i].CloudEvent).Select(argument => (object)argument)];
            published[i] = batch.ExecuteAsync(TopicStreamEntry.Command, arguments);
        }
        batch.Execute();
        return published;
    }
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TalentMesh.EventBus.Diagnostics;
using TalentMesh.EventBus.Events;
using TalentMesh.EventBus.Handling;

namespace TalentMesh.EventBus.Transport.Redis;

/// <summary>
/// Delivers a batch of topic entries to the dispatcher and settles each one: acknowledged on success,
/// moved to the dead-letter topic (atomically with its ack) when poison, left pending when it should be retried.
/// Per batch it costs one MGET (inbox check) and one XACK per topic, whatever the batch size.
/// </summary>
public sealed class RedisEntryProcessor(
    IConnectionMultiplexer redis, EventDispatcher dispatcher, TopicNames topics, IOptions<EventBusOptions> options, EventBusMetrics metrics)
{
    private readonly EventBusOptions settings = options.Value;

    public async Task ProcessAsync(IReadOnlyList<ReceivedEntry> entries, CancellationToken cancellationToken)
    {
        var decoded = new List<(ReceivedEntry Entry, IncomingEvent Event)>(entries.Count);
        foreach (var entry in entries)
        {
            if (Decode(entry) is { } incoming)
                decoded.Add((entry, incoming));
            else
                await DeadLetterAsync(entry);
        }
        var seen = await dispatcher.SeenAsync(decoded.ConvertAll(item => item.Event));
        var acknowledged = new ConcurrentQueue<ReceivedEntry>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = cancellationToken };
        await Parallel.ForAsync(0, decoded.Count, parallel, async (index, ct) =>
        {
            var (entry, incoming) = decoded[index];
            switch (await dispatcher.DispatchAsync(incoming, seen[index], ct))
            {
                case DeliveryOutcome.Success:
                    acknowledged.Enqueue(entry);
                    break;
                case DeliveryOutcome.Drop:
                    await DeadLetterAsync(entry);
                    break;
            }
        });
        var database = redis.GetDatabase();
        await Task.WhenAll(acknowledged.GroupBy(entry => entry.PhysicalTopic).Select(topic =>
            database.StreamAcknowledgeAsync(topic.Key, settings.AppId, topic.Select(entry => entry.Id).ToArray())));
    }

    /// <summary>Moves an entry that failed too often (or is poison) to its dead-letter topic, unchanged, and acks it.</summary>
    public async Task DeadLetterAsync(ReceivedEntry entry)
    {
        var logicalTopic = topics.Logical(entry.PhysicalTopic);
        var fields = entry.Metadata.IsNull
            ? new NameValueEntry[] { new(RedisStreamFields.Data, entry.Data) }
            : [new(RedisStreamFields.Data, entry.Data), new(RedisStreamFields.Metadata, entry.Metadata)];
        var transaction = redis.GetDatabase().CreateTransaction();
        _ = transaction.StreamAddAsync(topics.DeadLetter(logicalTopic), fields, maxLength: settings.MaxLenApprox, useApproximateMaxLength: true);
        _ = transaction.StreamAcknowledgeAsync(entry.PhysicalTopic, settings.AppId, entry.Id);
        await transaction.ExecuteAsync();
        metrics.DeadLettered(logicalTopic);
    }

    /// <summary>The entry's CloudEvent, or null when it is poison (no data, not a CloudEvent).</summary>
    private IncomingEvent? Decode(ReceivedEntry entry)
    {
        var logicalTopic = topics.Logical(entry.PhysicalTopic);
        try
        {
            if (entry.Data.IsNullOrEmpty)
                throw new PoisonEventException("The stream entry has no data field.");
            return CloudEventCodec.Decode((byte[])entry.Data!, logicalTopic, entry.DeliveryAttempt);
        }
        catch (PoisonEventException)
        {
            metrics.Delivered(logicalTopic, DeliveryOutcome.Drop);
            return null;
        }
    }
}

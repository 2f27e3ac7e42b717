using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TalentMesh.EventBus.Diagnostics;
using TalentMesh.EventBus.Handling;

namespace TalentMesh.EventBus.Transport.Redis;

/// <summary>
/// Delivers topic entries to the dispatcher and settles each one as soon as it finishes: acknowledged on success,
/// moved to the dead-letter topic (atomically with its ack, with the reason) when poison, left pending when it should be
/// retried. A handler's cancellation token fires after <see cref="EventBusOptions.ProcessingTimeout"/>, when the entry
/// becomes reclaimable by another consumer. Per batch it costs one MGET (inbox check) and one XACK per entry.
/// </summary>
public sealed partial class RedisEntryProcessor(
    IConnectionMultiplexer redis, EventDispatcher dispatcher, TopicNames topics, IOptions<EventBusOptions> options, EventBusMetrics metrics,
    TimeProvider timeProvider, ILogger<RedisEntryProcessor> logger)
{
    private readonly EventBusOptions settings = options.Value;
    private readonly string group = StreamGroups.ForApp(options.Value.AppId);

    public async Task ProcessAsync(IReadOnlyList<ReceivedEntry> entries, CancellationToken cancellationToken)
    {
        var decoded = await DecodeAsync(entries);
        var seen = await dispatcher.SeenAsync(decoded.ConvertAll(item => item.Event));
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = cancellationToken };
        await Parallel.ForAsync(0, decoded.Count, parallel, async (index, ct) =>
        {
            var (entry, incoming) = decoded[index];
            using var processingTime = new CancellationTokenSource(settings.ProcessingTimeout, timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, processingTime.Token);
            var delivery = await dispatcher.DispatchAsync(incoming, seen[index], linked.Token);
            switch (delivery.Outcome)
            {
                case DeliveryOutcome.Success:
                    await AcknowledgeAsync(entry);
                    break;
                case DeliveryOutcome.Drop:
                    await DeadLetterAsync(entry, delivery.Reason ?? "dropped");
                    break;
            }
        });
    }

    /// <summary>
    /// Settles entries delivered more than <see cref="EventBusOptions.MaxDeliveries"/> times: one the inbox knows was
    /// processed (its handler committed but the ack was lost) is only acknowledged — never dead-lettered, so no replay
    /// can apply it twice; the others move to the dead-letter topic.
    /// </summary>
    public async Task SettleExhaustedAsync(IReadOnlyList<ReceivedEntry> entries)
    {
        var decoded = await DecodeAsync(entries);
        var seen = await dispatcher.SeenAsync(decoded.ConvertAll(item => item.Event));
        for (var i = 0; i < decoded.Count; i++)
        {
            var (entry, incoming) = decoded[i];
            if (seen[i])
            {
                metrics.Duplicate(incoming.Topic);
                await AcknowledgeAsync(entry);
            }
            else
            {
                await DeadLetterAsync(entry, $"not handled after {entry.DeliveryAttempt - 1} deliveries (MaxDeliveries {settings.MaxDeliveries})");
            }
        }
    }

    /// <summary>Moves an entry to its dead-letter topic, unchanged plus the reason and its original id, and acks it in one transaction.</summary>
    public async Task DeadLetterAsync(ReceivedEntry entry, string reason)
    {
        var logicalTopic = topics.Logical(entry.PhysicalTopic);
        var fields = new List<NameValueEntry>(4) { new(RedisStreamFields.Data, entry.Data) };
        if (!entry.Metadata.IsNull)
            fields.Add(new(RedisStreamFields.Metadata, entry.Metadata));
        fields.Add(new(RedisStreamFields.Reason, reason));
        fields.Add(new(RedisStreamFields.OriginalId, entry.Id));
        var transaction = redis.GetDatabase().CreateTransaction();
        _ = transaction.StreamAddAsync(topics.DeadLetter(logicalTopic), fields.ToArray(), maxLength: settings.MaxLenApprox, useApproximateMaxLength: true);
        _ = transaction.StreamAcknowledgeAsync(entry.PhysicalTopic, group, entry.Id);
        await transaction.ExecuteAsync();
        metrics.DeadLettered(logicalTopic);
        LogDeadLettered(entry.Id.ToString(), logicalTopic, reason);
    }

    private Task AcknowledgeAsync(ReceivedEntry entry) =>
        redis.GetDatabase().StreamAcknowledgeAsync(entry.PhysicalTopic, group, entry.Id);

    /// <summary>The entries' events; an entry without one (no data, not a CloudEvent) is dead-lettered at once.</summary>
    private async Task<List<(ReceivedEntry Entry, IncomingEvent Event)>> DecodeAsync(IReadOnlyList<ReceivedEntry> entries)
    {
        var decoded = new List<(ReceivedEntry Entry, IncomingEvent Event)>(entries.Count);
        foreach (var entry in entries)
        {
            var logicalTopic = topics.Logical(entry.PhysicalTopic);
            try
            {
                decoded.Add((entry, EntryDecoder.Decode(entry, logicalTopic)));
            }
            catch (PoisonEventException exception)
            {
                metrics.Delivered(logicalTopic, DeliveryOutcome.Drop);
                await DeadLetterAsync(entry, exception.Message);
            }
        }
        return decoded;
    }

    [LoggerMessage(LogLevel.Warning, "Entry {EntryId} of {Topic} was dead-lettered: {Reason}")]
    private partial void LogDeadLettered(string entryId, string topic, string reason);
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TalentMesh.EventBus.Diagnostics;
using TalentMesh.EventBus.Handling;

namespace TalentMesh.EventBus.Transport.Redis;

/// <summary>
/// Delivers topic entries to the dispatcher and settles each one as soon as it finishes: acknowledged on success,
/// moved to the dead-letter topic (atomically with its ack, with the reason) when poison, left pending when it should be
/// retried. A handler's cancellation token fires <see cref="EventBusOptions.ProcessingTimeout"/> after the delivery, when
/// the entry becomes reclaimable by another consumer. A reclaimed batch costs one MGET (inbox check), a new read none
/// (see <see cref="StartAsync"/>); acks of entries that finish at about the same time share one XACK (<see cref="Acknowledger"/>).
/// </summary>
/// <remarks>
/// At most <see cref="EventBusOptions.Concurrency"/> new entries are under way: the consumer reads about as many as
/// are free and reads again as soon as one settles, without waiting for the rest of what it read. Handling a
/// read as a batch and reading again only once all of it was done made every event wait for the slowest of its batch
/// (a handler backing off after a conflict, a slow commit): under load the mesh's tail latency was mostly that wait.
/// </remarks>
public sealed partial class RedisEntryProcessor(
    IConnectionMultiplexer redis, EventDispatcher dispatcher, TopicNames topics, IOptions<EventBusOptions> options, EventBusMetrics metrics,
    TimeProvider timeProvider, ILogger<RedisEntryProcessor> logger)
{
    private readonly EventBusOptions settings = options.Value;
    private readonly string group = StreamGroups.ForApp(options.Value.AppId);
    private readonly Acknowledger acknowledger = new(redis, StreamGroups.ForApp(options.Value.AppId));
    private readonly Lock gate = new();
    private int inFlight;
    private TaskCompletionSource? freed;
    private TaskCompletionSource? drained;

    /// <summary>
    /// Waits until fewer than <see cref="EventBusOptions.Concurrency"/> entries are under way, then says how many the
    /// next read may take from each stream: as many as are free (at most the batch size). XREADGROUP's COUNT is per
    /// stream, so a read of several busy topics may overshoot the limit (by at most the free count per extra stream);
    /// the next read then waits until the count is below it again. Sharing the free count out among the streams
    /// instead made reads of a service with five topics small and frequent, which cost more CPU than the overshoot.
    /// </summary>
    public async Task<int> ReserveAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (gate)
            {
                if (inFlight < settings.Concurrency)
                    return Math.Min(settings.Concurrency - inFlight, settings.BatchSize);
                freed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = freed.Task;
            }
            await wait.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Starts handling entries just read and returns once they are under way; each one counts as under way until
    /// settled. Entries that cannot be decoded are dead-lettered before this returns.
    /// </summary>
    /// <remarks>
    /// New entries skip the inbox check: the redis transport publishes each event once, from the commit that caused it,
    /// so a first delivery is a duplicate only if the same event was published again (a dead letter replayed twice). The
    /// handler's commit still finds the marker then and changes nothing twice; the check only saved that handler run,
    /// and it cost every read a round trip before its handlers could start — on every hop of the workflow's path.
    /// Redelivered (reclaimed) entries, which are duplicates whenever an ack was lost, keep it.
    /// </remarks>
    public async Task StartAsync(IReadOnlyList<ReceivedEntry> entries, CancellationToken cancellationToken)
    {
        var decoded = await DecodeAsync(entries);
        if (decoded.Count == 0)
            return;
        // The entries were delivered together just now: each becomes reclaimable by another consumer ProcessingTimeout
        // from now, so that is when every handler of the read must give up. The last one to finish disposes the tokens.
        var processingTime = new CancellationTokenSource(settings.ProcessingTimeout, timeProvider);
        var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, processingTime.Token);
        var unfinished = decoded.Count;
        lock (gate)
            inFlight += decoded.Count;
        foreach (var (entry, incoming) in decoded)
            _ = RunAsync(entry, incoming);

        async Task RunAsync(ReceivedEntry entry, IncomingEvent incoming)
        {
            try
            {
                await Task.Yield();
                await SettleAsync(entry, incoming, seen: false, linked.Token);
            }
            catch (Exception exception)
            {
                // It stays pending and is delivered again after the processing timeout.
                LogSettleFailed(exception, entry.Id.ToString(), incoming.Topic);
            }
            finally
            {
                Settled();
                if (Interlocked.Decrement(ref unfinished) == 0)
                {
                    linked.Dispose();
                    processingTime.Dispose();
                }
            }
        }
    }

    private void Settled()
    {
        TaskCompletionSource? wakeReader = null, wakeDrain = null;
        lock (gate)
        {
            inFlight--;
            if (inFlight < settings.Concurrency)
                (wakeReader, freed) = (freed, null);
            if (inFlight == 0)
                (wakeDrain, drained) = (drained, null);
        }
        wakeReader?.TrySetResult();
        wakeDrain?.TrySetResult();
    }

    /// <summary>Waits (at most <paramref name="timeout"/>) until every entry under way has settled, e.g. before shutting down.</summary>
    public async Task DrainAsync(TimeSpan timeout)
    {
        Task done;
        lock (gate)
        {
            if (inFlight == 0)
                return;
            drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            done = drained.Task;
        }
        // Wall-clock time, like the host's own shutdown timeout: a test's frozen clock must not hold a shutdown.
        await done.WaitAsync(timeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>Handles entries and waits for all of them (reclaimed entries: the reclaim loop settles them before it goes on).</summary>
    public async Task ProcessAsync(IReadOnlyList<ReceivedEntry> entries, CancellationToken cancellationToken)
    {
        // The entries were delivered (read or claimed) just now, together: each becomes reclaimable by another consumer
        // ProcessingTimeout from now, so that is when every handler of the batch must give up.
        using var processingTime = new CancellationTokenSource(settings.ProcessingTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, processingTime.Token);
        var (decoded, seen) = await DecodeAndCheckInboxAsync(entries);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = cancellationToken };
        await Parallel.ForAsync(0, decoded.Count, parallel, async (index, _) =>
            await SettleAsync(decoded[index].Entry, decoded[index].Event, seen[index], linked.Token));
    }

    /// <summary>Runs the handler, then acknowledges, dead-letters or (to be retried) leaves the entry pending.</summary>
    private async Task SettleAsync(ReceivedEntry entry, IncomingEvent incoming, bool seen, CancellationToken cancellationToken)
    {
        var delivery = await dispatcher.DispatchAsync(incoming, seen, cancellationToken);
        switch (delivery.Outcome)
        {
            case DeliveryOutcome.Success:
                await AcknowledgeAsync(entry);
                break;
            case DeliveryOutcome.Drop:
                await DeadLetterAsync(entry, delivery.Reason ?? "dropped");
                break;
        }
    }

    /// <summary>
    /// Settles entries delivered more than <see cref="EventBusOptions.MaxDeliveries"/> times: one the inbox knows was
    /// processed (its handler committed but the ack was lost) is only acknowledged — never dead-lettered, so no replay
    /// can apply it twice; the others move to the dead-letter topic.
    /// </summary>
    public async Task SettleExhaustedAsync(IReadOnlyList<ReceivedEntry> entries)
    {
        var (decoded, seen) = await DecodeAndCheckInboxAsync(entries);
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

    private Task AcknowledgeAsync(ReceivedEntry entry) => acknowledger.AcknowledgeAsync(entry);

    /// <summary>The entries' events (see <see cref="DecodeAsync"/>) and which of them the inbox has seen, in one MGET.</summary>
    private async Task<(List<(ReceivedEntry Entry, IncomingEvent Event)> Decoded, bool[] Seen)> DecodeAndCheckInboxAsync(IReadOnlyList<ReceivedEntry> entries)
    {
        var decoded = await DecodeAsync(entries);
        return (decoded, await dispatcher.SeenAsync(decoded.ConvertAll(item => item.Event)));
    }

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

    [LoggerMessage(LogLevel.Warning, "Entry {EntryId} of {Topic} could not be settled; it stays pending and is delivered again")]
    private partial void LogSettleFailed(Exception exception, string entryId, string topic);

    [LoggerMessage(LogLevel.Warning, "Entry {EntryId} of {Topic} was dead-lettered: {Reason}")]
    private partial void LogDeadLettered(string entryId, string topic, string reason);
}

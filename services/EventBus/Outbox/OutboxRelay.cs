using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TalentMesh.EventBus.Diagnostics;
using TalentMesh.EventBus.Handling;
using TalentMesh.EventBus.Transport;

namespace TalentMesh.EventBus.Outbox;

/// <summary>
/// Moves committed events from the outbox stream to the transport: every event under the dapr transport; under the
/// redis transport, where units of work publish at commit, only what an older version left in the outbox (a rolling
/// upgrade), found by the <see cref="EventBusOptions.RelayPollInterval"/> poll. The outbox is read through a consumer
/// group, so an entry is acknowledged (and deleted) only after the transport accepted it. Every
/// <see cref="EventBusOptions.RedeliverInterval"/> — also under a standing backlog — the relay publishes again what it
/// failed to publish (its own pending entries) and reclaims entries left pending by a relay that died (after the
/// processing timeout); a duplicate carries the same CloudEvent id and consumers drop it.
/// </summary>
public sealed partial class OutboxRelay(
    IConnectionMultiplexer redis, OutboxKeys keys, OutboxSignal signal, IEventPublisher publisher,
    IOptions<EventBusOptions> options, EventBusMetrics metrics, StreamLoop loop, ILogger<OutboxRelay> logger)
    : BackgroundService, IStreamWork
{
    private readonly string consumerName = StreamGroups.ConsumerName(options.Value);
    private readonly EventBusOptions settings = options.Value;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        loop.RunAsync(this, settings.RedeliverInterval, settings.RelayPollInterval, stoppingToken);

    string IStreamWork.Name => "Outbox relay";

    Task IStreamWork.PrepareAsync(CancellationToken stoppingToken) =>
        StreamGroups.EnsureAsync(redis.GetDatabase(), keys.OutboxStream, OutboxKeys.RelayGroup);

    async Task IStreamWork.ReclaimAsync(CancellationToken stoppingToken)
    {
        var database = redis.GetDatabase();
        // Our own pending entries are the ones whose publish failed (the relay handles one batch at a time).
        var failed = await database.StreamReadGroupAsync(keys.OutboxStream, OutboxKeys.RelayGroup, consumerName, "0-0", settings.BatchSize);
        if (failed.Length > 0)
            await PublishBatchAsync(database, failed, stoppingToken);
        var abandoned = await database.StreamAutoClaimAsync(keys.OutboxStream, OutboxKeys.RelayGroup, consumerName,
            (long)settings.ProcessingTimeout.TotalMilliseconds, "0-0", settings.BatchSize);
        if (abandoned.ClaimedEntries.Length > 0)
            await PublishBatchAsync(database, abandoned.ClaimedEntries, stoppingToken);
        await StreamGroups.RemoveIdleConsumersAsync(database, keys.OutboxStream, OutboxKeys.RelayGroup, consumerName, settings.ConsumerIdleTimeout);
    }

    async Task<bool> IStreamWork.ReadAsync(CancellationToken stoppingToken)
    {
        var database = redis.GetDatabase();
        var entries = await database.StreamReadGroupAsync(keys.OutboxStream, OutboxKeys.RelayGroup, consumerName,
            StreamPosition.NewMessages, settings.BatchSize);
        if (entries.Length > 0)
            await PublishBatchAsync(database, entries, stoppingToken);
        return entries.Length > 0;
    }

    Task IStreamWork.IdleAsync(CancellationToken stoppingToken) => signal.WaitAsync(settings.RelayPollInterval, stoppingToken);

    private async Task PublishBatchAsync(IDatabase database, StreamEntry[] streamEntries, CancellationToken cancellationToken)
    {
        var done = new List<RedisValue>(streamEntries.Length);
        var entries = new List<OutboxEntry>(streamEntries.Length);
        var streamIds = new List<RedisValue>(streamEntries.Length);
        var spans = new List<Activity?>(streamEntries.Length);
        try
        {
            var ambient = Activity.Current;
            foreach (var streamEntry in streamEntries)
            {
                if (Read(streamEntry) is not { } entry)
                {
                    // A malformed entry can never be published; acknowledging it keeps the outbox flowing. It stays in the log.
                    done.Add(streamEntry.Id);
                    continue;
                }
                entries.Add(entry);
                streamIds.Add(streamEntry.Id);
                spans.Add(EventBusTelemetry.StartPublish(entry.Topic, entry.TraceParent, entry.TraceState));
                // Each span belongs to its own entry's trace, never to the next entry's or to the transport's calls.
                Activity.Current = ambient;
            }
            var published = publisher.Publish(entries, cancellationToken);
            for (var i = 0; i < published.Length; i++)
            {
                try
                {
                    await published[i];
                    metrics.Published(entries[i].Topic);
                    done.Add(streamIds[i]);
                }
                catch (PoisonEventException exception)
                {
                    // The stored envelope cannot be taken apart (dapr transport): retrying cannot help.
                    spans[i]?.SetStatus(ActivityStatusCode.Error, exception.Message);
                    LogMalformedEntry(streamIds[i].ToString(), exception.Message);
                    done.Add(streamIds[i]);
                }
                catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
                {
                    spans[i]?.SetStatus(ActivityStatusCode.Error, exception.Message);
                    LogPublishFailed(exception, entries[i].Id, entries[i].Topic);
                }
            }
        }
        finally
        {
            foreach (var span in spans)
                span?.Dispose();
            // Also on shutdown: what the transport accepted is acknowledged, so it is not published again.
            if (done.Count > 0)
                await AcknowledgeAsync(database, done.ToArray());
        }
    }

    /// <summary>XACK then XDEL in one round trip; if the process dies in between, the entries are merely published again.</summary>
    private async Task AcknowledgeAsync(IDatabase database, RedisValue[] ids)
    {
        var batch = database.CreateBatch();
        var ack = batch.StreamAcknowledgeAsync(keys.OutboxStream, OutboxKeys.RelayGroup, ids);
        var delete = batch.StreamDeleteAsync(keys.OutboxStream, ids);
        batch.Execute();
        await Task.WhenAll(ack, delete);
    }

    private OutboxEntry? Read(StreamEntry streamEntry)
    {
        try
        {
            return OutboxEntry.FromStream(streamEntry);
        }
        catch (FormatException exception)
        {
            LogMalformedEntry(streamEntry.Id.ToString(), exception.Message);
            return null;
        }
    }

    [LoggerMessage(LogLevel.Error, "Outbox entry {StreamId} is malformed and was skipped: {Reason}")]
    private partial void LogMalformedEntry(string streamId, string reason);

    [LoggerMessage(LogLevel.Warning, "Publishing event {EventId} to {Topic} failed; it stays in the outbox")]
    private partial void LogPublishFailed(Exception exception, string eventId, string topic);
}

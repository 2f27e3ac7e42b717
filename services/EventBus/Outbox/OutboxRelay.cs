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
/// Moves committed events from the outbox stream to the transport. The outbox is read through a consumer
/// group, so an entry is acknowledged (and deleted) only after the transport accepted it; entries left
/// pending by a relay that died are reclaimed after the processing timeout and published again — the
/// duplicate carries the same CloudEvent id and consumers drop it.
/// </summary>
public sealed partial class OutboxRelay(
    IConnectionMultiplexer redis, OutboxKeys keys, OutboxSignal signal, IEventPublisher publisher,
    IOptions<EventBusOptions> options, EventBusMetrics metrics, TimeProvider timeProvider, ILogger<OutboxRelay> logger)
    : BackgroundService
{
    private readonly string consumerName = $"{options.Value.AppId}-relay-{Guid.NewGuid():N}";
    private readonly EventBusOptions settings = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextReclaim = timeProvider.GetUtcNow();
        var groupReady = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var database = redis.GetDatabase();
                if (!groupReady)
                {
                    await StreamGroups.EnsureAsync(database, keys.OutboxStream, OutboxKeys.RelayGroup);
                    groupReady = true;
                }
                var entries = await database.StreamReadGroupAsync(keys.OutboxStream, OutboxKeys.RelayGroup, consumerName,
                    StreamPosition.NewMessages, settings.BatchSize);
                if (entries.Length == 0 && timeProvider.GetUtcNow() >= nextReclaim)
                {
                    nextReclaim = timeProvider.GetUtcNow() + settings.RedeliverInterval;
                    entries = await ReclaimAbandonedAsync(database);
                }
                if (entries.Length == 0)
                {
                    await signal.WaitAsync(settings.RelayPollInterval, stoppingToken);
                    continue;
                }
                await PublishBatchAsync(database, entries, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                groupReady &= !StreamGroups.IsMissingGroup(exception);
                LogRelayFailed(exception);
                await Task.Delay(settings.RelayPollInterval, timeProvider, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task<StreamEntry[]> ReclaimAbandonedAsync(IDatabase database)
    {
        var claimed = await database.StreamAutoClaimAsync(keys.OutboxStream, OutboxKeys.RelayGroup, consumerName,
            (long)settings.ProcessingTimeout.TotalMilliseconds, "0-0", settings.BatchSize);
        return claimed.ClaimedEntries;
    }

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

    [LoggerMessage(LogLevel.Warning, "Outbox relay iteration failed; retrying")]
    private partial void LogRelayFailed(Exception exception);

    [LoggerMessage(LogLevel.Error, "Outbox entry {StreamId} is malformed and was skipped: {Reason}")]
    private partial void LogMalformedEntry(string streamId, string reason);

    [LoggerMessage(LogLevel.Warning, "Publishing event {EventId} to {Topic} failed; it stays in the outbox")]
    private partial void LogPublishFailed(Exception exception, string eventId, string topic);
}

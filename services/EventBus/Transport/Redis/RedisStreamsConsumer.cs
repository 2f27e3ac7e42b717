using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TalentMesh.EventBus.Diagnostics;
using TalentMesh.EventBus.Handling;
using TalentMesh.ServiceDefaults.Redis;

namespace TalentMesh.EventBus.Transport.Redis;

/// <summary>
/// Consumes this app's topics the way daprd's pubsub.redis does: consumer group = app id, XREADGROUP for new
/// entries, XACK after the handler committed, XAUTOCLAIM for entries whose consumer died or failed, and the
/// dead-letter topic once an entry has been delivered <see cref="EventBusOptions.MaxDeliveries"/> times.
/// </summary>
public sealed partial class RedisStreamsConsumer(
    RedisConnectionFactory connections, IConnectionMultiplexer redis, SubscriptionRegistry subscriptions,
    RedisEntryProcessor processor, TopicNames topics, IOptions<EventBusOptions> options, EventBusMetrics metrics,
    TimeProvider timeProvider, ILogger<RedisStreamsConsumer> logger) : BackgroundService
{
    private readonly EventBusOptions settings = options.Value;
    private readonly string consumerName = $"{options.Value.AppId}-{Guid.NewGuid():N}";
    private string[] physicalTopics = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        physicalTopics = subscriptions.All.Select(subscription => topics.Physical(subscription.Topic)).ToArray();
        if (physicalTopics.Length == 0)
            return;
        await using var reader = await BlockingStreamReader.ConnectAsync(connections, settings.AppId, consumerName, settings.BlockTime);
        await Task.WhenAll(ReadNewEntriesAsync(reader, stoppingToken), ReclaimAsync(stoppingToken));
    }

    private async Task ReadNewEntriesAsync(BlockingStreamReader reader, CancellationToken stoppingToken)
    {
        var groupsReady = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!groupsReady)
                {
                    foreach (var topic in physicalTopics)
                        await StreamGroups.EnsureAsync(redis.GetDatabase(), topic, settings.AppId);
                    groupsReady = true;
                }
                var entries = await reader.ReadAsync(physicalTopics, settings.BatchSize, settings.BlockTime);
                if (entries.Count > 0)
                    await processor.ProcessAsync(entries, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                groupsReady &= !StreamGroups.IsMissingGroup(exception);
                LogReadFailed(exception);
                await Task.Delay(settings.RedeliverInterval, timeProvider, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task ReclaimAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(settings.RedeliverInterval, timeProvider, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            foreach (var topic in physicalTopics)
            {
                if (stoppingToken.IsCancellationRequested)
                    return;
                try
                {
                    await ReclaimTopicAsync(topic, stoppingToken);
                    await RecordLagAsync(topic);
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    LogReclaimFailed(exception, topic);
                }
            }
        }
    }

    private async Task ReclaimTopicAsync(string topic, CancellationToken stoppingToken)
    {
        var database = redis.GetDatabase();
        var claimed = await database.StreamAutoClaimAsync(topic, settings.AppId, consumerName,
            (long)settings.ProcessingTimeout.TotalMilliseconds, "0-0", settings.BatchSize);
        if (claimed.ClaimedEntries.Length == 0)
            return;
        var ids = claimed.ClaimedEntries.Select(entry => entry.Id).ToArray();
        var (first, last) = StreamIds.Range(ids);
        var pending = await database.StreamPendingMessagesAsync(topic, settings.AppId, ids.Length, consumerName, first, last);
        var attempts = pending.ToDictionary(info => info.MessageId, info => info.DeliveryCount);
        metrics.Redelivered(topics.Logical(topic), ids.Length);
        var retry = new List<ReceivedEntry>();
        foreach (var entry in claimed.ClaimedEntries)
        {
            var received = ReceivedEntry.From(topic, entry, attempts.GetValueOrDefault(entry.Id, settings.MaxDeliveries + 1));
            if (received.DeliveryAttempt > settings.MaxDeliveries)
                await processor.DeadLetterAsync(received);
            else
                retry.Add(received);
        }
        if (retry.Count > 0)
            await processor.ProcessAsync(retry, stoppingToken);
    }

    private async Task RecordLagAsync(string topic)
    {
        var groups = await redis.GetDatabase().StreamGroupInfoAsync(topic);
        if (groups.FirstOrDefault(group => group.Name == settings.AppId) is { Lag: { } lag })
            metrics.RecordLag(topics.Logical(topic), lag);
    }

    [LoggerMessage(LogLevel.Warning, "Reading topic streams failed; retrying")]
    private partial void LogReadFailed(Exception exception);

    [LoggerMessage(LogLevel.Warning, "Reclaiming pending entries of {Topic} failed")]
    private partial void LogReclaimFailed(Exception exception, string topic);
}

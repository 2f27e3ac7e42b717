using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TalentMesh.EventBus.Diagnostics;
using TalentMesh.EventBus.Handling;
using TalentMesh.ServiceDefaults.Redis;

namespace TalentMesh.EventBus.Transport.Redis;

/// <summary>
/// Consumes this app's topics in daprd's pubsub.redis wire format, in a group of its own (never daprd's, see
/// <see cref="StreamGroups.ForApp"/>): XREADGROUP for new entries, XACK as each handler finishes, XAUTOCLAIM for entries
/// whose consumer died or failed, and the dead-letter topic once an entry has been delivered
/// <see cref="EventBusOptions.MaxDeliveries"/> times without being processed.
/// </summary>
public sealed partial class RedisStreamsConsumer(
    RedisConnectionFactory connections, IConnectionMultiplexer redis, SubscriptionRegistry subscriptions,
    RedisEntryProcessor processor, TopicNames topics, IOptions<EventBusOptions> options, EventBusMetrics metrics,
    StreamLoop loop, ILogger<RedisStreamsConsumer> logger) : BackgroundService, IStreamWork
{
    private readonly EventBusOptions settings = options.Value;
    private readonly string group = StreamGroups.ForApp(options.Value.AppId);
    private readonly string consumerName = StreamGroups.ConsumerName(options.Value);

    private BlockingStreamReader? reader;
    private string[] physicalTopics = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        physicalTopics = subscriptions.All.Select(subscription => topics.Physical(subscription.Topic)).ToArray();
        if (physicalTopics.Length == 0)
            return;
        await using var blockingReader = await BlockingStreamReader.ConnectAsync(connections, group, consumerName, settings.BlockTime);
        reader = blockingReader;
        try
        {
            await loop.RunAsync(this, settings.RedeliverInterval, settings.RedeliverInterval, stoppingToken);
        }
        finally
        {
            // Handlers still under way were cancelled with the stopping token; let them settle before the host goes.
            await processor.DrainAsync(TimeSpan.FromSeconds(5));
        }
    }

    string IStreamWork.Name => "Topic consumer";

    async Task IStreamWork.PrepareAsync(CancellationToken stoppingToken)
    {
        foreach (var topic in physicalTopics)
            await StreamGroups.EnsureAsync(redis.GetDatabase(), topic, group);
    }

    async Task IStreamWork.ReclaimAsync(CancellationToken stoppingToken)
    {
        foreach (var topic in physicalTopics)
        {
            stoppingToken.ThrowIfCancellationRequested();
            try
            {
                await ReclaimTopicAsync(topic, stoppingToken);
                await RecordLagAsync(topic);
                await StreamGroups.RemoveIdleConsumersAsync(redis.GetDatabase(), topic, group, consumerName, settings.ConsumerIdleTimeout);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested && !StreamGroups.IsMissingGroup(exception))
            {
                LogReclaimFailed(exception, topic);
            }
        }
    }

    async Task<bool> IStreamWork.ReadAsync(CancellationToken stoppingToken)
    {
        // About as many entries as handlers are free; the next read follows as soon as one settles (not when all are).
        var perStream = await processor.ReserveAsync(stoppingToken);
        var entries = await reader!.ReadAsync(physicalTopics, perStream, settings.BlockTime);
        if (entries.Count > 0)
            await processor.StartAsync(entries, stoppingToken);
        return entries.Count > 0;
    }

    Task IStreamWork.IdleAsync(CancellationToken stoppingToken) => Task.CompletedTask; // the read blocked already

    private async Task ReclaimTopicAsync(string topic, CancellationToken stoppingToken)
    {
        var database = redis.GetDatabase();
        var claimed = await database.StreamAutoClaimAsync(topic, group, consumerName,
            (long)settings.ProcessingTimeout.TotalMilliseconds, "0-0", settings.BatchSize);
        var logicalTopic = topics.Logical(topic);
        if (claimed.DeletedIds.Length > 0)
        {
            // Pending entries trimmed (MAXLEN ~) or deleted before they were processed: XAUTOCLAIM drops them from the
            // pending list and reports their ids. They cannot be recovered; they must not vanish unnoticed.
            metrics.Lost(logicalTopic, claimed.DeletedIds.Length);
            LogLost(claimed.DeletedIds.Length, logicalTopic, string.Join(", ", claimed.DeletedIds.Select(id => id.ToString())));
        }
        if (claimed.ClaimedEntries.Length == 0)
            return;
        var ids = claimed.ClaimedEntries.Select(entry => entry.Id).ToArray();
        var (first, last) = StreamIds.Range(ids);
        var pending = await database.StreamPendingMessagesAsync(topic, group, ids.Length, consumerName, first, last);
        var attempts = pending.ToDictionary(info => info.MessageId, info => info.DeliveryCount);
        metrics.Redelivered(logicalTopic, ids.Length);
        var retry = new List<ReceivedEntry>();
        var exhausted = new List<ReceivedEntry>();
        foreach (var entry in claimed.ClaimedEntries)
        {
            var received = ReceivedEntry.From(topic, entry, attempts.GetValueOrDefault(entry.Id, settings.MaxDeliveries + 1));
            (received.DeliveryAttempt > settings.MaxDeliveries ? exhausted : retry).Add(received);
        }
        if (exhausted.Count > 0)
            await processor.SettleExhaustedAsync(exhausted);
        if (retry.Count > 0)
            await processor.ProcessAsync(retry, stoppingToken);
    }

    private async Task RecordLagAsync(string topic)
    {
        var groups = await redis.GetDatabase().StreamGroupInfoAsync(topic);
        if (groups.FirstOrDefault(info => info.Name == group) is { Lag: { } lag })
            metrics.RecordLag(topics.Logical(topic), lag);
    }

    [LoggerMessage(LogLevel.Warning, "Reclaiming pending entries of {Topic} failed")]
    private partial void LogReclaimFailed(Exception exception, string topic);

    [LoggerMessage(LogLevel.Error, "{Count} pending entries of {Topic} were trimmed or deleted before they were processed and are lost: {Ids}")]
    private partial void LogLost(int count, string topic, string ids);
}

using StackExchange.Redis;
using TalentMesh.EventBus.Outbox;

namespace TalentMesh.EventBus.Transport;

/// <summary>Consumer-group housekeeping shared by the relay and the redis transport.</summary>
public static class StreamGroups
{
    /// <summary>
    /// The redis transport's consumer group for an app's topics: never the bare app id, which is daprd's (the Component's
    /// <c>consumerID: "{appID}"</c>), so the two transports can never share a group (see docs/event-bus.md).
    /// </summary>
    public static string ForApp(string appId) => appId + ".redis-transport";

    /// <summary>A consumer name stable across restarts of the same pod or host: <c>&lt;app id&gt;-&lt;host name&gt;</c>.</summary>
    public static string ConsumerName(EventBusOptions options) =>
        string.IsNullOrWhiteSpace(options.ConsumerName) ? $"{options.AppId}-{Environment.MachineName.ToLowerInvariant()}" : options.ConsumerName;

    /// <summary>XGROUP CREATE &lt;stream&gt; &lt;group&gt; 0 MKSTREAM, tolerating a group that already exists (as daprd does).</summary>
    public static async Task EnsureAsync(IDatabase database, RedisKey stream, string group)
    {
        try
        {
            await database.StreamCreateConsumerGroupAsync(stream, group, "0", createStream: true);
        }
        catch (RedisServerException exception) when (exception.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
        }
    }

    /// <summary>The group vanished (Redis lost its data): it must be created again before reading.</summary>
    public static bool IsMissingGroup(Exception exception) =>
        exception is RedisServerException { Message: var message } && message.StartsWith("NOGROUP", StringComparison.Ordinal);

    // Atomic, so a consumer cannot read (and gain pending entries) between the check and the removal, which would drop
    // those entries from the group's pending list. XINFO CONSUMERS replies name/pending/idle pairs per consumer.
    private static readonly RedisScript RemoveIdle = new("""
        local removed = 0
        for _, consumer in ipairs(redis.call('XINFO', 'CONSUMERS', KEYS[1], ARGV[1])) do
          local info = {}
          for i = 1, #consumer, 2 do info[consumer[i]] = consumer[i + 1] end
          if info['name'] ~= ARGV[3] and info['pending'] == 0 and info['idle'] >= tonumber(ARGV[2]) then
            redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], info['name'])
            removed = removed + 1
          end
        end
        return removed
        """);

    /// <summary>Removes consumers (other than <paramref name="self"/>) idle for <paramref name="idleFor"/> with nothing pending.</summary>
    public static async Task<long> RemoveIdleConsumersAsync(IDatabase database, RedisKey stream, string group, string self, TimeSpan idleFor) =>
        (long)await RemoveIdle.EvaluateAsync(database, [stream], [group, (long)idleFor.TotalMilliseconds, self]);
}

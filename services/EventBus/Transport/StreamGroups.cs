using StackExchange.Redis;

namespace TalentMesh.EventBus.Transport;

/// <summary>Consumer-group housekeeping shared by the relay and the redis transport.</summary>
public static class StreamGroups
{
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
}

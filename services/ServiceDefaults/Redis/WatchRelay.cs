using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using StackExchange.Redis;

namespace TalentMesh.ServiceDefaults.Redis;

/// <summary>
/// Carries watch wake-ups between the replicas of one service over one Redis channel of its keyspace: a replica that
/// commits a change tells the others which key (a talent) changed, and each wakes its own watchers of that key, so a
/// talent whose stream landed on another replica hears of it at once instead of at the next safety poll.
/// </summary>
/// <remarks>
/// One channel per service rather than one per key: a channel per key would cost a SUBSCRIBE and an UNSUBSCRIBE for
/// every stream opened and closed, while this one is subscribed once. Each replica therefore also receives its own
/// wake-ups; the message starts with the sender's random id so it drops those (it woke its watchers already). The
/// PUBLISH is fire-and-forget after the commit: a commit never waits on it, and a lost one only delays a watcher to its
/// safety poll. The counter <c>talentmesh.watch.wake_ups</c> (meter TalentMesh.Watches) tells an operator the relay
/// flows: by direction, those sent after a commit and those heard from another replica.
/// </remarks>
public sealed class WatchRelay(IConnectionMultiplexer redis, RedisKeyspace keyspace, IMeterFactory meters)
{
    public const string MeterName = "TalentMesh.Watches";

    /// <summary>The channel's name within the service's keyspace (<c>{prefix}watch-wake-ups</c>).</summary>
    public const string ChannelName = "watch-wake-ups";

    private static readonly KeyValuePair<string, object?> Sent = new("direction", "sent");
    private static readonly KeyValuePair<string, object?> Heard = new("direction", "heard");

    private readonly Counter<long> wakeUps = meters.Create(MeterName).CreateCounter<long>("talentmesh.watch.wake_ups", "{wake-up}",
        "Watch wake-ups passed between this service's replicas: sent after a commit, heard from another replica.");
    private readonly ISubscriber subscriber = redis.GetSubscriber();
    private readonly RedisChannel channel = keyspace.Channel(ChannelName);
    private readonly string origin = Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
    private Action<RedisChannel, RedisValue>? handler;

    /// <summary>Tells the other replicas that <paramref name="key"/> changed; never throws (see the remarks).</summary>
    public void Tell(string key)
    {
        try
        {
            subscriber.Publish(channel, string.Concat(origin, key), CommandFlags.FireAndForget);
            wakeUps.Add(1, Sent);
        }
        catch (Exception exception) when (exception is RedisException or ObjectDisposedException)
        {
            // Redis went out of reach right after the commit, or the host is stopping and its connection is gone: the
            // other replicas' watchers read at their safety poll. The commit stands either way.
        }
    }

    /// <summary>
    /// Subscribes to the other replicas' wake-ups. The subscription is recorded in the connection before it reaches
    /// Redis, so if this throws because Redis is out of reach, the connection still subscribes when it reconnects.
    /// </summary>
    public async Task ListenAsync(Action<string> wakeHere)
    {
        handler = (_, message) =>
        {
            var text = (string?)message;
            if (text is null || text.Length <= origin.Length || text.StartsWith(origin, StringComparison.Ordinal))
                return;
            wakeUps.Add(1, Heard);
            wakeHere(text[origin.Length..]);
        };
        await subscriber.SubscribeAsync(channel, handler);
    }

    public async Task StopListeningAsync()
    {
        if (handler is not null)
            await subscriber.UnsubscribeAsync(channel, handler);
    }
}

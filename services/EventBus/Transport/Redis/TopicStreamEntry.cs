using StackExchange.Redis;

namespace TalentMesh.EventBus.Transport.Redis;

/// <summary>
/// The entry daprd's pubsub.redis adds for a publish, as the arguments of <c>XADD &lt;topic&gt; …</c>:
/// <c>MAXLEN ~ n * data &lt;CloudEvent JSON&gt;</c>. The commit script (direct publish) and
/// <see cref="RedisStreamsPublisher"/> (the outbox relay) both write it from here, so the two cannot drift apart.
/// </summary>
public static class TopicStreamEntry
{
    public const string Command = "XADD";

    public static RedisValue[] Arguments(long maxLenApprox, ReadOnlyMemory<byte> cloudEvent) =>
        ["MAXLEN", "~", maxLenApprox, "*", RedisStreamFields.Data, cloudEvent];
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TalentMesh.EventBus.Transport;
using TalentMesh.EventBus.Transport.Redis;

namespace TalentMesh.EventBus.Handling;

public enum ReplayOutcome
{
    /// <summary>Handled (or found already handled by the inbox) and removed from the dead-letter topic.</summary>
    Replayed,

    /// <summary>The event may be older than the inbox retention: its marker could be gone, so a replay could apply it twice. Left in place.</summary>
    TooOld,

    /// <summary>The entry carries no time to bound its age (a raw payload dead-lettered by daprd). Left in place.</summary>
    AgeUnknown,

    /// <summary>The handler failed again (or the event is poison). Left in place.</summary>
    Failed,

    NotFound,
}

/// <summary>
/// Replays a dead letter of this app into its own handler (not back onto the topic, which other apps read too). A replay
/// is refused when the event may be older than <see cref="EventBusOptions.InboxRetention"/>: the inbox marker of an
/// attempt that did commit could have expired, and the replay would apply the effect twice.
/// </summary>
/// <remarks>
/// The event's age is measured from the earliest time known to precede any processing: the entry's id on its topic
/// (<c>original-id</c>, written by the redis transport), else the CloudEvent <c>time</c> (daprd sets it at publish).
/// The marker is written at processing, later than both, and lives the retention from then.
/// </remarks>
public sealed partial class DeadLetterReplayer(
    IConnectionMultiplexer redis, TopicNames topics, EventDispatcher dispatcher, IOptions<EventBusOptions> options,
    TimeProvider timeProvider, ILogger<DeadLetterReplayer> logger)
{
    public async Task<ReplayOutcome> ReplayAsync(string logicalTopic, RedisValue deadLetterId, CancellationToken cancellationToken = default)
    {
        var database = redis.GetDatabase();
        var deadLetterTopic = topics.DeadLetter(logicalTopic);
        var found = await database.StreamRangeAsync(deadLetterTopic, deadLetterId, deadLetterId, 1);
        if (found.Length == 0)
            return ReplayOutcome.NotFound;
        var stored = found[0];
        var entry = new ReceivedEntry(topics.Physical(logicalTopic), stored[RedisStreamFields.OriginalId].IsNullOrEmpty ? stored.Id : stored[RedisStreamFields.OriginalId],
            stored[RedisStreamFields.Data], stored[RedisStreamFields.Metadata], DeliveryAttempt: 0);
        IncomingEvent incoming;
        try
        {
            incoming = EntryDecoder.Decode(entry, logicalTopic);
        }
        catch (PoisonEventException)
        {
            return ReplayOutcome.Failed;
        }
        if (Origin(stored, incoming) is not { } origin)
            return ReplayOutcome.AgeUnknown;
        var age = timeProvider.GetUtcNow() - origin;
        if (age >= options.Value.InboxRetention)
        {
            LogTooOld(deadLetterId.ToString(), logicalTopic, age, options.Value.InboxRetention);
            return ReplayOutcome.TooOld;
        }
        var delivery = await dispatcher.DispatchAsync(incoming, cancellationToken);
        if (delivery.Outcome != DeliveryOutcome.Success)
            return ReplayOutcome.Failed;
        await database.StreamDeleteAsync(deadLetterTopic, [deadLetterId]);
        return ReplayOutcome.Replayed;
    }

    private static DateTimeOffset? Origin(StreamEntry stored, IncomingEvent incoming)
    {
        var originalId = stored[RedisStreamFields.OriginalId];
        if (!originalId.IsNullOrEmpty)
            return StreamIds.Time(originalId);
        return incoming.Type.Length > 0 ? incoming.Time : null; // a raw payload's "time" is the dead letter's own id
    }

    [LoggerMessage(LogLevel.Warning, "Dead letter {DeadLetterId} of {Topic} is not replayed: it is {Age} old, the inbox keeps markers for {Retention}")]
    private partial void LogTooOld(string deadLetterId, string topic, TimeSpan age, TimeSpan retention);
}

using System.Diagnostics;
using Microsoft.Extensions.Options;
using TalentMesh.EventBus.Diagnostics;
using TalentMesh.EventBus.Transport;
using TalentMesh.EventBus.Transport.Redis;

namespace TalentMesh.EventBus.Outbox;

/// <summary>
/// Where a unit of work's events go in its commit. Under the redis transport the commit script adds each CloudEvent
/// straight to its topic stream, exactly as <see cref="RedisStreamsPublisher"/> (and daprd's pubsub.redis) writes it:
/// published atomically with the state, in commit order, with no outbox hop. Under the dapr transport daprd's publish
/// API cannot run inside a Redis script, so the events go to the outbox and <see cref="OutboxRelay"/> publishes them.
/// </summary>
public sealed class CommitPublisher(OutboxKeys keys, TopicNames topics, OutboxSignal signal, EventBusMetrics metrics,
    IOptions<EventBusOptions> options)
{
    private readonly long maxLenApprox = options.Value.MaxLenApprox;

    /// <summary>True under the dapr transport: events wait in the outbox for the relay.</summary>
    public bool ThroughOutbox { get; } = options.Value.Transport == EventTransportKind.Dapr;

    /// <summary>Adds the event's write as one of the unit's final writes (after its state, so a failed write publishes nothing).</summary>
    internal void Add(CommitUnit unit, OutboxEntry entry)
    {
        if (ThroughOutbox)
            unit.AddFinalWrite("XADD", keys.OutboxStream, entry.ToStreamArguments());
        else
            unit.AddFinalWrite(TopicStreamEntry.Command, topics.Physical(entry.Topic), TopicStreamEntry.Arguments(maxLenApprox, entry.CloudEvent));
    }

    /// <summary>
    /// One <c>publish &lt;topic&gt;</c> span per directly published event, around the commit that publishes it (as the
    /// relay's span surrounds its publish); null when the events go through the outbox or nobody listens.
    /// </summary>
    internal Activity?[]? StartPublishSpans(List<OutboxEntry> entries)
    {
        if (ThroughOutbox || !EventBusTelemetry.IsListened)
            return null;
        var ambient = Activity.Current;
        var spans = new Activity?[entries.Count];
        for (var i = 0; i < spans.Length; i++)
        {
            spans[i] = EventBusTelemetry.StartPublish(entries[i].Topic, entries[i].TraceParent, entries[i].TraceState);
            // Each span belongs to its own event's trace, never to the next event's or to the commit's calls.
            Activity.Current = ambient;
        }
        return spans;
    }

    /// <summary>After the unit committed: counts its events as published, or wakes the relay for the outbox.</summary>
    internal void Committed(List<OutboxEntry> entries)
    {
        if (ThroughOutbox)
        {
            signal.Notify();
            return;
        }
        foreach (var entry in entries)
            metrics.Published(entry.Topic);
    }
}

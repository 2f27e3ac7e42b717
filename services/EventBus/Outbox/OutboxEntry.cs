using StackExchange.Redis;

namespace TalentMesh.EventBus.Outbox;

/// <summary>
/// An event as a unit of work publishes it: its CloudEvent, encoded once at commit. Under the redis transport the commit
/// adds the envelope to the topic stream; under the dapr transport the whole entry waits in the service's outbox stream,
/// so a relay that publishes it twice publishes the same bytes (same id, time and trace context) and only has to move them.
/// </summary>
/// <param name="Topic">The logical topic (the transport maps it to a broker topic).</param>
/// <param name="TraceParent">The trace context the envelope carries, kept beside it so the relay's span can join the trace without parsing.</param>
public sealed record OutboxEntry(string Id, string Topic, ReadOnlyMemory<byte> CloudEvent, string? TraceParent, string? TraceState)
{
    private const string IdField = "id", TopicField = "topic", CloudEventField = "cloudevent",
        TraceParentField = "traceparent", TraceStateField = "tracestate";

    /// <summary>The arguments of <c>XADD outbox * field value …</c>.</summary>
    public RedisValue[] ToStreamArguments() =>
    [
        "*", IdField, Id, TopicField, Topic, CloudEventField, CloudEvent,
        TraceParentField, TraceParent ?? "", TraceStateField, TraceState ?? "",
    ];

    /// <summary>Reads an outbox stream entry; throws <see cref="FormatException"/> when a required field is missing.</summary>
    public static OutboxEntry FromStream(StreamEntry entry)
    {
        RedisValue id = RedisValue.Null, topic = RedisValue.Null, cloudEvent = RedisValue.Null,
            traceParent = RedisValue.Null, traceState = RedisValue.Null;
        foreach (var field in entry.Values)
        {
            switch ((string?)field.Name)
            {
                case IdField: id = field.Value; break;
                case TopicField: topic = field.Value; break;
                case CloudEventField: cloudEvent = field.Value; break;
                case TraceParentField: traceParent = field.Value; break;
                case TraceStateField: traceState = field.Value; break;
            }
        }
        if (id.IsNullOrEmpty || topic.IsNullOrEmpty || cloudEvent.IsNullOrEmpty)
            throw new FormatException("An outbox entry needs id, topic and cloudevent.");
        return new OutboxEntry(id!, topic!, (byte[])cloudEvent!, NullIfEmpty(traceParent), NullIfEmpty(traceState));
    }

    private static string? NullIfEmpty(RedisValue value) => value.IsNullOrEmpty ? null : value.ToString();
}

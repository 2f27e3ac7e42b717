using System.Globalization;
using StackExchange.Redis;

namespace TalentMesh.EventBus.Outbox;

/// <summary>
/// One event waiting in the service's outbox stream. Everything a transport needs is captured at
/// commit time (id, time, trace context), so a relay that publishes it twice publishes the same event.
/// </summary>
public sealed record OutboxEntry(string Id, string Topic, string Type, DateTimeOffset Time, string DataJson, string? TraceParent, string? TraceState)
{
    private const string IdField = "id", TopicField = "topic", TypeField = "type", TimeField = "time",
        DataField = "data", TraceParentField = "traceparent", TraceStateField = "tracestate";

    /// <summary>The arguments of <c>XADD outbox * field value …</c>.</summary>
    public RedisValue[] ToStreamArguments() =>
    [
        "*", IdField, Id, TopicField, Topic, TypeField, Type,
        TimeField, Time.ToString("O", CultureInfo.InvariantCulture), DataField, DataJson,
        TraceParentField, TraceParent ?? "", TraceStateField, TraceState ?? "",
    ];

    public static OutboxEntry FromStream(StreamEntry entry)
    {
        string Field(string name) => entry[name].ToString();
        string? Optional(string name) => entry[name] is { IsNullOrEmpty: false } value ? value.ToString() : null;
        return new OutboxEntry(Field(IdField), Field(TopicField), Field(TypeField),
            DateTimeOffset.Parse(Field(TimeField), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            Field(DataField), Optional(TraceParentField), Optional(TraceStateField));
    }
}

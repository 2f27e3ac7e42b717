namespace TalentMesh.EventBus.Handling;

/// <summary>An event as received from either transport, before its data is parsed.</summary>
/// <param name="Type">The CloudEvent type; empty when the transport carried none (a raw payload).</param>
/// <param name="DataJson">The data as JSON text (the protobuf JSON mapping); empty when <see cref="BinaryData"/> is set.</param>
public sealed record IncomingEvent(
    string Id, string Topic, string Type, string Source, DateTimeOffset? Time, string DataJson,
    string? TraceParent, string? TraceState, int DeliveryAttempt)
{
    /// <summary>The data as the event's binary protobuf encoding (data_base64, application/octet-stream or protobuf), if it came so.</summary>
    public ReadOnlyMemory<byte>? BinaryData { get; init; }
}

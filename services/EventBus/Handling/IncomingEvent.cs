namespace TalentMesh.EventBus.Handling;

/// <summary>An event as received from either transport, before its data is parsed.</summary>
public sealed record IncomingEvent(
    string Id, string Topic, string Type, string Source, DateTimeOffset? Time, string DataJson,
    string? TraceParent, string? TraceState, int DeliveryAttempt);

namespace TalentMesh.EventBus.Events;

/// <summary>An event being published: the CloudEvent attributes this service sets, with the protobuf JSON mapping as data.</summary>
public sealed record OutgoingEvent(string Id, string Type, DateTimeOffset Time, string DataJson, string? TraceParent, string? TraceState);

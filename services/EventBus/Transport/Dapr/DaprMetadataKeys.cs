namespace TalentMesh.EventBus.Transport.Dapr;

/// <summary>Publish metadata daprd reads to override the CloudEvent attributes it generates.</summary>
public static class DaprMetadataKeys
{
    public const string CloudEventId = "cloudevent.id";
    public const string CloudEventType = "cloudevent.type";
    public const string CloudEventSource = "cloudevent.source";
    public const string TraceParent = "cloudevent.traceparent";
    public const string TraceState = "cloudevent.tracestate";
}

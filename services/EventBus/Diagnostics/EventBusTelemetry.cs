using System.Diagnostics;
using TalentMesh.EventBus.Handling;

namespace TalentMesh.EventBus.Diagnostics;

/// <summary>
/// Spans of the event bus (source TalentMesh.EventBus). The traceparent captured at commit travels in the
/// outbox and the CloudEvent, so publish and process spans join the trace of the request that caused them.
/// </summary>
public static class EventBusTelemetry
{
    public const string SourceName = "TalentMesh.EventBus";

    private static readonly ActivitySource Source = new(SourceName);

    public static Activity? StartPublish(string topic, string? parentTraceParent, string? traceState) =>
        Start($"publish {topic}", ActivityKind.Producer, parentTraceParent, traceState, topic);

    public static Activity? StartProcess(IncomingEvent incoming)
    {
        var activity = Start($"process {incoming.Topic}", ActivityKind.Consumer, incoming.TraceParent, incoming.TraceState, incoming.Topic);
        activity?.SetTag("messaging.message.id", incoming.Id);
        activity?.SetTag("messaging.delivery.attempt", incoming.DeliveryAttempt);
        return activity;
    }

    private static Activity? Start(string name, ActivityKind kind, string? traceParent, string? traceState, string topic)
    {
        ActivityContext.TryParse(traceParent, traceState, out var parent);
        var activity = Source.StartActivity(name, kind, parent);
        activity?.SetTag("messaging.system", "dapr");
        activity?.SetTag("messaging.destination.name", topic);
        return activity;
    }
}

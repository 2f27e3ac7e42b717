using System.Diagnostics;
using TalentMesh.EventBus.Handling;

namespace TalentMesh.EventBus.Diagnostics;

/// <summary>
/// Spans of the event bus (source TalentMesh.EventBus). The traceparent captured at commit travels in the
/// CloudEvent (and, under the dapr transport, beside it in the outbox), so publish and process spans join the trace of
/// the request that caused them.
/// </summary>
public static class EventBusTelemetry
{
    public const string SourceName = "TalentMesh.EventBus";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>Whether any listener takes the bus's spans (none: starting one returns null, and its preparation can be skipped).</summary>
    public static bool IsListened => Source.HasListeners();

    /// <summary>The event's creation at commit; its context is the one the CloudEvent carries to every consumer.</summary>
    public static Activity? StartCreate(string topic) => Start($"create {topic}", ActivityKind.Producer, null, null, topic);

    /// <summary>The event's publish: around the commit that adds it to its topic (redis transport), or the relay's publish.</summary>
    public static Activity? StartPublish(string topic, string? parentTraceParent, string? traceState) =>
        Start($"publish {topic}", ActivityKind.Producer, parentTraceParent, traceState, topic);

    public static Activity? StartProcess(IncomingEvent incoming)
    {
        var activity = Start($"process {incoming.Topic}", ActivityKind.Consumer, incoming.TraceParent, incoming.TraceState, incoming.Topic);
        activity?.SetTag("messaging.message.id", incoming.Id);
        if (incoming.DeliveryAttempt > 0) // 0: the transport does not say (dapr)
            activity?.SetTag("messaging.delivery.attempt", incoming.DeliveryAttempt);
        return activity;
    }

    /// <summary>A span under <paramref name="traceParent"/>, or under the current activity when there is none.</summary>
    private static Activity? Start(string name, ActivityKind kind, string? traceParent, string? traceState, string topic)
    {
        var activity = ActivityContext.TryParse(traceParent, traceState, out var parent)
            ? Source.StartActivity(name, kind, parent)
            : Source.StartActivity(name, kind);
        activity?.SetTag("messaging.system", "dapr");
        activity?.SetTag("messaging.destination.name", topic);
        return activity;
    }
}

using System.Text;
using Dapr.Client;
using Microsoft.Extensions.Options;
using TalentMesh.EventBus.Outbox;

namespace TalentMesh.EventBus.Transport.Dapr;

/// <summary>
/// Publishes through the sidecar: the protobuf JSON goes as application/json data and our event id and type
/// ride as cloudevent.* metadata, so the envelope daprd builds keeps the id consumers deduplicate on.
/// </summary>
public sealed class DaprSidecarPublisher(DaprClient dapr, TopicNames topics, IOptions<EventBusOptions> options) : IEventPublisher
{
    public Task[] Publish(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken) =>
        entries.Select(entry => PublishAsync(entry, cancellationToken)).ToArray();

    private Task PublishAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        var metadata = new Dictionary<string, string>
        {
            [DaprMetadataKeys.CloudEventId] = entry.Id,
            [DaprMetadataKeys.CloudEventType] = entry.Type,
            [DaprMetadataKeys.CloudEventSource] = options.Value.AppId,
        };
        if (entry.TraceParent is { } traceParent)
            metadata[DaprMetadataKeys.TraceParent] = traceParent;
        if (entry.TraceState is { } traceState)
            metadata[DaprMetadataKeys.TraceState] = traceState;
        return dapr.PublishByteEventAsync(options.Value.PubSubName, topics.Physical(entry.Topic),
            Encoding.UTF8.GetBytes(entry.DataJson), "application/json", metadata, cancellationToken);
    }
}

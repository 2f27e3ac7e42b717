using System.Text;
using Dapr.Client;
using Microsoft.Extensions.Options;
using TalentMesh.EventBus.Events;
using TalentMesh.EventBus.Handling;
using TalentMesh.EventBus.Outbox;

namespace TalentMesh.EventBus.Transport.Dapr;

/// <summary>
/// Publishes through the sidecar: the envelope from the outbox is taken apart again, the protobuf JSON goes as
/// application/json data and our event id, type and trace context ride as cloudevent.* metadata, so the envelope
/// daprd builds keeps the id consumers deduplicate on.
/// </summary>
public sealed class DaprSidecarPublisher(DaprClient dapr, TopicNames topics, IOptions<EventBusOptions> options) : IEventPublisher
{
    public Task[] Publish(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken) =>
        entries.Select(entry => PublishAsync(entry, cancellationToken)).ToArray();

    private Task PublishAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        IncomingEvent cloudEvent;
        try
        {
            cloudEvent = CloudEventCodec.Decode(entry.CloudEvent, entry.Topic, deliveryAttempt: 0);
        }
        catch (PoisonEventException exception)
        {
            return Task.FromException(exception); // fails this entry, not the batch
        }
        var metadata = new Dictionary<string, string>
        {
            [DaprMetadataKeys.CloudEventId] = cloudEvent.Id,
            [DaprMetadataKeys.CloudEventType] = cloudEvent.Type,
            [DaprMetadataKeys.CloudEventSource] = options.Value.AppId,
        };
        if (cloudEvent.TraceParent is { } traceParent)
            metadata[DaprMetadataKeys.TraceParent] = traceParent;
        if (cloudEvent.TraceState is { } traceState)
            metadata[DaprMetadataKeys.TraceState] = traceState;
        return dapr.PublishByteEventAsync(options.Value.PubSubName, topics.Physical(entry.Topic),
            Encoding.UTF8.GetBytes(cloudEvent.DataJson), CloudEventCodec.JsonContentType, metadata, cancellationToken);
    }
}

using System.Diagnostics;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using TalentMesh.EventBus.Diagnostics;
using TalentMesh.EventBus.Events;
using TalentMesh.EventBus.Transport;

namespace TalentMesh.EventBus.Outbox;

/// <summary>
/// Turns an event message into its outbox entry: a new id, the commit time, the caller's trace context (through a
/// "create" span) and the CloudEvent envelope exactly as the redis transport will publish it.
/// </summary>
public sealed class OutboxEntryFactory(TopicNames topics, IOptions<EventBusOptions> options, TimeProvider timeProvider)
{
    private readonly EventBusOptions settings = options.Value;

    public OutboxEntry Create(IMessage @event)
    {
        var type = EventCatalog.For(@event);
        using var span = EventBusTelemetry.StartCreate(type.Topic);
        var context = span ?? Activity.Current;
        var outgoing = new OutgoingEvent(Guid.CreateVersion7().ToString(), type.CloudEventType, timeProvider.GetUtcNow(),
            ProtobufJson.Format(@event), context?.Id, context?.TraceStateString);
        var envelope = CloudEventCodec.Encode(outgoing, settings.AppId, settings.PubSubName, topics.Physical(type.Topic));
        return new OutboxEntry(outgoing.Id, type.Topic, envelope, outgoing.TraceParent, outgoing.TraceState);
    }
}

using System.Collections.Concurrent;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using TalentMesh.Contracts.Events.V1;

namespace TalentMesh.EventBus.Events;

/// <summary>Resolves an event message to its topic and CloudEvent type. The topic is written once, on the message.</summary>
public static class EventCatalog
{
    private static readonly ConcurrentDictionary<MessageDescriptor, EventType> Cache = new();

    public static EventType For<TEvent>() where TEvent : IMessage<TEvent>, new() => For(new TEvent().Descriptor);

    public static EventType For(IMessage message) => For(message.Descriptor);

    public static EventType For(MessageDescriptor descriptor) => Cache.GetOrAdd(descriptor, static d =>
    {
        var topic = d.GetOptions()?.GetExtension(OptionsExtensions.Topic);
        if (string.IsNullOrEmpty(topic))
            throw new InvalidOperationException($"{d.FullName} is not an integration event: it has no (talentmesh.events.v1.topic) option.");
        return new EventType(topic, d.FullName, d);
    });
}

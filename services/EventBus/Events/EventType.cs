using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace TalentMesh.EventBus.Events;

/// <summary>An integration event's routing facts, read from its protobuf descriptor.</summary>
/// <param name="Topic">The topic from the (talentmesh.events.v1.topic) option.</param>
/// <param name="CloudEventType">The CloudEvent type: the message's full protobuf name.</param>
public sealed record EventType(string Topic, string CloudEventType, MessageDescriptor Descriptor)
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    /// <summary>Parses the protobuf JSON mapping; unknown fields are ignored so producers can add fields first.</summary>
    public IMessage ParseJson(string json) => Parser.Parse(json, Descriptor);
}

using Google.Protobuf;
using Google.Protobuf.Reflection;
using TalentMesh.EventBus.Handling;

namespace TalentMesh.EventBus.Events;

/// <summary>An integration event's routing facts, read from its protobuf descriptor.</summary>
/// <param name="Topic">The topic from the (talentmesh.events.v1.topic) option.</param>
/// <param name="CloudEventType">The CloudEvent type: the message's full protobuf name.</param>
public sealed record EventType(string Topic, string CloudEventType, MessageDescriptor Descriptor)
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    /// <summary>Parses the protobuf JSON mapping; unknown fields are ignored so producers can add fields first.</summary>
    public IMessage ParseJson(string json) => Parser.Parse(json, Descriptor);

    /// <summary>Parses the event's data: the binary protobuf encoding when it came as bytes, else the JSON mapping.</summary>
    public IMessage Parse(IncomingEvent incoming) => incoming.BinaryData is { } binary
        ? Descriptor.Parser.ParseFrom(binary.Span)
        : ParseJson(incoming.DataJson);

    /// <summary>
    /// Whether a CloudEvent of <paramref name="type"/> may be handled as this event: its own type, or no type at all
    /// (a raw payload, or daprd's default type for a publisher that did not set one — the topic is then all we know).
    /// </summary>
    public bool Accepts(string type) =>
        type.Length == 0 || type == ContentTypes.DaprDefaultCloudEventType || string.Equals(type, CloudEventType, StringComparison.Ordinal);
}

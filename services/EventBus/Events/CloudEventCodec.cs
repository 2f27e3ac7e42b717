using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using TalentMesh.EventBus.Handling;

namespace TalentMesh.EventBus.Events;

/// <summary>
/// The CloudEvent JSON that daprd's pubsub.redis stores in a stream entry's "data" field: the standard
/// attributes plus daprd's extensions topic, pubsubname and traceparent.
/// </summary>
public static class CloudEventCodec
{
    public const string JsonContentType = "application/json";

    public static readonly CloudEventAttribute TopicAttribute = CloudEventAttribute.CreateExtension("topic", CloudEventAttributeType.String);
    public static readonly CloudEventAttribute PubSubNameAttribute = CloudEventAttribute.CreateExtension("pubsubname", CloudEventAttributeType.String);
    public static readonly CloudEventAttribute TraceParentAttribute = CloudEventAttribute.CreateExtension("traceparent", CloudEventAttributeType.String);
    public static readonly CloudEventAttribute TraceStateAttribute = CloudEventAttribute.CreateExtension("tracestate", CloudEventAttributeType.String);

    private static readonly CloudEventAttribute[] Extensions = [TopicAttribute, PubSubNameAttribute, TraceParentAttribute, TraceStateAttribute];
    private static readonly RawJsonEventFormatter Formatter = new();

    /// <summary>The envelope as daprd writes it for <paramref name="topic"/> (the physical topic name) of <paramref name="pubSubName"/>.</summary>
    public static ReadOnlyMemory<byte> Encode(OutgoingEvent outgoing, string source, string pubSubName, string topic)
    {
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0, Extensions)
        {
            Id = outgoing.Id,
            Source = new Uri(source, UriKind.RelativeOrAbsolute),
            Type = outgoing.Type,
            Time = outgoing.Time,
            DataContentType = JsonContentType,
            Data = new RawJsonEventFormatter.RawJson(outgoing.DataJson),
            [TopicAttribute] = topic,
            [PubSubNameAttribute] = pubSubName,
            [TraceParentAttribute] = outgoing.TraceParent ?? "",
        };
        if (!string.IsNullOrEmpty(outgoing.TraceState))
            cloudEvent[TraceStateAttribute] = outgoing.TraceState;
        return Formatter.EncodeStructuredModeMessage(cloudEvent, out _);
    }

    /// <summary>Decodes an entry written by daprd or by <see cref="Encode"/>; throws <see cref="PoisonEventException"/> when it cannot.</summary>
    public static IncomingEvent Decode(ReadOnlyMemory<byte> body, string logicalTopic, int deliveryAttempt)
    {
        CloudEvent cloudEvent;
        try
        {
            // The SDK's DecodeStructuredModeMessage would wrap the bytes in a stream and parse through it; parsing the
            // memory directly and handing the SDK the element is the same decoding without the copy.
            using var document = JsonDocument.Parse(body);
            cloudEvent = Formatter.ConvertFromJsonElement(document.RootElement, Extensions);
        }
        catch (Exception exception) when (exception is ArgumentException or JsonException or FormatException or InvalidOperationException)
        {
            throw new PoisonEventException($"Not a CloudEvent: {exception.Message}", exception);
        }
        return new IncomingEvent(
            cloudEvent.Id ?? throw new PoisonEventException("The CloudEvent has no id."),
            logicalTopic, cloudEvent.Type ?? "", cloudEvent.Source?.ToString() ?? "", cloudEvent.Time,
            DataAsJson(cloudEvent.Data), NullIfEmpty(cloudEvent[TraceParentAttribute] as string),
            NullIfEmpty(cloudEvent[TraceStateAttribute] as string), deliveryAttempt);
    }

    private static string DataAsJson(object? data) => data switch
    {
        RawJsonEventFormatter.RawJson json => json.Text,
        JsonElement element => element.GetRawText(),
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        string text => text,
        _ => throw new PoisonEventException("The CloudEvent has no data."),
    };

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

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
        return Formatter.EncodeStructured(cloudEvent);
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
        var incoming = new IncomingEvent(
            cloudEvent.Id ?? throw new PoisonEventException("The CloudEvent has no id."),
            logicalTopic, cloudEvent.Type ?? "", cloudEvent.Source?.ToString() ?? "", cloudEvent.Time, "",
            NullIfEmpty(cloudEvent[TraceParentAttribute] as string), NullIfEmpty(cloudEvent[TraceStateAttribute] as string), deliveryAttempt);
        return WithData(incoming, cloudEvent.Data, cloudEvent.DataContentType);
    }

    /// <summary>
    /// An event published with daprd's <c>rawPayload</c> metadata: no envelope, so no id, type or time. Its stream entry id
    /// stands in for the id (a redelivery of the entry is recognised; a second publish of the same payload is not) and
    /// the data is JSON when it parses as a JSON object, otherwise the binary protobuf encoding.
    /// </summary>
    public static IncomingEvent DecodeRawPayload(ReadOnlyMemory<byte> body, string logicalTopic, string entryId, DateTimeOffset? time,
        string? traceParent, string? traceState, int deliveryAttempt)
    {
        var incoming = new IncomingEvent($"raw:{logicalTopic}:{entryId}", logicalTopic, "", "", time, "", NullIfEmpty(traceParent),
            NullIfEmpty(traceState), deliveryAttempt);
        return IsJsonObject(body.Span)
            ? incoming with { DataJson = Encoding.UTF8.GetString(body.Span) }
            : incoming with { BinaryData = body };
    }

    /// <summary>The data as daprd can carry it: JSON, text (a JSON string under a text content type) or bytes (data_base64).</summary>
    public static IncomingEvent WithData(IncomingEvent incoming, object? data, string? contentType) => data switch
    {
        RawJsonEventFormatter.RawJson json => incoming with { DataJson = json.Text },
        JsonElement element => incoming with { DataJson = element.GetRawText() },
        string text => incoming with { DataJson = text },
        byte[] bytes when ContentTypes.IsJson(contentType) || ContentTypes.IsText(contentType) => incoming with { DataJson = Encoding.UTF8.GetString(bytes) },
        byte[] bytes => incoming with { BinaryData = bytes },
        _ => throw new PoisonEventException("The CloudEvent has no data."),
    };

    private static bool IsJsonObject(ReadOnlySpan<byte> body)
    {
        var trimmed = body.TrimStart(" \t\r\n"u8);
        if (trimmed.IsEmpty || trimmed[0] != (byte)'{')
            return false;
        try
        {
            var reader = new Utf8JsonReader(trimmed);
            reader.Read();
            reader.Skip();
            return !reader.Read(); // one complete object and nothing after it
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

using System.Buffers;
using System.Net.Mime;
using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.Core;
using CloudNative.CloudEvents.SystemTextJson;

namespace TalentMesh.EventBus.Events;

/// <summary>
/// The SDK's JSON formatter, told that our data is already JSON text (the protobuf JSON mapping), and writing each
/// envelope into a per-thread buffer. The stock formatter would parse the data into a document to write it and hand a
/// cloned element back on decode; both are copies of the same text, and on the hot path of every event.
/// </summary>
internal sealed class RawJsonEventFormatter : JsonEventFormatter
{
    /// <summary>Data that is a complete JSON value; written into the envelope as is (still validated by the writer).</summary>
    public sealed record RawJson(string Text);

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? writer;

    public override ReadOnlyMemory<byte> EncodeStructuredModeMessage(CloudEvent cloudEvent, out ContentType contentType)
    {
        contentType = new ContentType(MimeUtilities.MediaType + "+json") { CharSet = Encoding.UTF8.WebName };
        return EncodeStructured(cloudEvent);
    }

    /// <summary>
    /// The structured-mode envelope, written as the SDK's EncodeStructuredModeMessage writes it (the same attributes in
    /// the same order, the same value formatting, the same writer options), without its content type. The SDK makes a
    /// MemoryStream and a Utf8JsonWriter over it for every event, and the writer's first write reserves 4 KB: 10.7 KB of
    /// garbage for a 1 KB event, against 3.9 KB here, most of it the CloudEvent and its attributes, built before this
    /// (docs/benchmarks.md, "Session 24").
    /// </summary>
    public byte[] EncodeStructured(CloudEvent cloudEvent)
    {
        Validation.CheckCloudEventArgument(cloudEvent, nameof(cloudEvent));
        var output = buffer ??= new ArrayBufferWriter<byte>(PerThreadBuffer.InitialCapacity);
        output.ResetWrittenCount();
        var json = writer ??= new Utf8JsonWriter(output);
        // Reset also clears what a write that threw (data that is not JSON) left behind on this thread.
        json.Reset(output);
        WriteEnvelope(json, cloudEvent);
        json.Flush();
        var envelope = output.WrittenSpan.ToArray();
        if (output.Capacity > PerThreadBuffer.MaxRetainedCapacity)
            (buffer, writer) = (null, null);
        return envelope;
    }

    /// <summary>The SDK's structured-mode object (JsonEventFormatter.WriteCloudEventForBatchOrStructuredMode, which is private).</summary>
    private void WriteEnvelope(Utf8JsonWriter json, CloudEvent cloudEvent)
    {
        json.WriteStartObject();
        json.WriteString(CloudEventsSpecVersion.SpecVersionAttribute.Name, cloudEvent.SpecVersion.VersionId);
        foreach (var (attribute, value) in cloudEvent.GetPopulatedAttributes())
        {
            json.WritePropertyName(attribute.Name);
            switch (CloudEventAttributeTypes.GetOrdinal(attribute.Type))
            {
                case CloudEventAttributeTypeOrdinal.Integer:
                    json.WriteNumberValue((int)value);
                    break;
                case CloudEventAttributeTypeOrdinal.Boolean:
                    json.WriteBooleanValue((bool)value);
                    break;
                default:
                    json.WriteStringValue(attribute.Type.Format(value));
                    break;
            }
        }
        if (cloudEvent.Data is not null)
        {
            if (cloudEvent.DataContentType is null && GetOrInferDataContentType(cloudEvent) is { } inferred)
            {
                cloudEvent.SpecVersion.DataContentTypeAttribute.Validate(inferred);
                json.WriteString(cloudEvent.SpecVersion.DataContentTypeAttribute.Name, inferred);
            }
            EncodeStructuredModeData(cloudEvent, json);
        }
        json.WriteEndObject();
    }

    protected override void EncodeStructuredModeData(CloudEvent cloudEvent, Utf8JsonWriter writer)
    {
        if (cloudEvent.Data is not RawJson json)
        {
            base.EncodeStructuredModeData(cloudEvent, writer);
            return;
        }
        writer.WritePropertyName(DataPropertyName);
        // As UTF-8: handed a string, the writer reserves room for three bytes per character before it transcodes.
        var utf8 = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Text.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(json.Text, utf8);
            writer.WriteRawValue(utf8.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
        }
    }

    /// <summary>
    /// Decoded data is the JSON text of the "data" property, ready for the protobuf JSON parser; under a non-JSON content
    /// type (daprd writes text data as a JSON string) it is that string. data_base64 is decoded by the base class to bytes.
    /// </summary>
    protected override void DecodeStructuredModeDataProperty(JsonElement dataElement, CloudEvent cloudEvent) =>
        cloudEvent.Data = dataElement.ValueKind == JsonValueKind.String && !ContentTypes.IsJson(cloudEvent.DataContentType)
            ? dataElement.GetString()
            : new RawJson(dataElement.GetRawText());
}

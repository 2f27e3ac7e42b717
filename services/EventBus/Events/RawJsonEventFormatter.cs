using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;

namespace TalentMesh.EventBus.Events;

/// <summary>
/// The SDK's JSON formatter, told that our data is already JSON text (the protobuf JSON mapping). The stock
/// formatter would parse it into a document to write it and hand a cloned element back on decode; both are
/// copies of the same text, and on the hot path of every event.
/// </summary>
internal sealed class RawJsonEventFormatter : JsonEventFormatter
{
    /// <summary>Data that is a complete JSON value; written into the envelope as is (still validated by the writer).</summary>
    public sealed record RawJson(string Text);

    protected override void EncodeStructuredModeData(CloudEvent cloudEvent, Utf8JsonWriter writer)
    {
        if (cloudEvent.Data is not RawJson json)
        {
            base.EncodeStructuredModeData(cloudEvent, writer);
            return;
        }
        writer.WritePropertyName(DataPropertyName);
        writer.WriteRawValue(json.Text);
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

using System.Text.Json;
using System.Text.Json.Serialization;

namespace TalentMesh.EventBus.Benchmarks;

/// <summary>
/// The benchmark event's payload as the hand-written baseline writes it: the same fields and the same JSON as the
/// bus's protobuf JSON mapping (camelCase names, 64-bit integers as strings).
/// </summary>
public sealed record SameWorkPayload(string Run, long Sequence, long ScheduledAt, string Padding);

/// <summary>The CloudEvent JSON daprd's pubsub.redis stores in a stream entry's "data" field, with the same attributes the bus writes.</summary>
public sealed record SameWorkCloudEvent(
    [property: JsonPropertyName("specversion")] string SpecVersion,
    string Id,
    string Source,
    string Type,
    DateTimeOffset Time,
    [property: JsonPropertyName("datacontenttype")] string DataContentType,
    string Topic,
    [property: JsonPropertyName("pubsubname")] string PubSubName,
    [property: JsonPropertyName("traceparent")] string TraceParent,
    SameWorkPayload Data)
{
    /// <summary>UTF-8 JSON, serialized by source-generated System.Text.Json (what a hand-written codec would use).</summary>
    public byte[] Encode() => JsonSerializer.SerializeToUtf8Bytes(this, SameWorkJson.Default.SameWorkCloudEvent);

    public static SameWorkCloudEvent Decode(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, SameWorkJson.Default.SameWorkCloudEvent)
        ?? throw new JsonException("The entry's data is JSON null, not a CloudEvent.");
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(SameWorkCloudEvent))]
public sealed partial class SameWorkJson : JsonSerializerContext;

using System.Text.Json;
using TalentMesh.EventBus.Events;
using TalentMesh.EventBus.Handling;

namespace TalentMesh.EventBus.Transport.Redis;

/// <summary>Reads a topic entry as daprd's pubsub.redis wrote it: a CloudEvent in <c>data</c>, or a raw payload when its metadata says so.</summary>
public static class EntryDecoder
{
    /// <summary>The entry's event; throws <see cref="PoisonEventException"/> when it has none.</summary>
    public static IncomingEvent Decode(ReceivedEntry entry, string logicalTopic)
    {
        if (entry.Data.IsNullOrEmpty)
            throw new PoisonEventException("The stream entry has no data field.");
        var body = (byte[])entry.Data!;
        var metadata = Metadata(entry);
        if (!IsRawPayload(metadata))
            return CloudEventCodec.Decode(body, logicalTopic, entry.DeliveryAttempt);
        var id = entry.Id.ToString();
        return CloudEventCodec.DecodeRawPayload(body, logicalTopic, id, StreamIds.Time(entry.Id),
            metadata.GetValueOrDefault("traceparent") ?? metadata.GetValueOrDefault("traceid"), metadata.GetValueOrDefault("tracestate"),
            entry.DeliveryAttempt);
    }

    /// <summary>Go's strconv.ParseBool, as components-contrib's IsRawPayload reads the flag.</summary>
    private static bool IsRawPayload(Dictionary<string, string> metadata) =>
        metadata.TryGetValue(RedisStreamFields.RawPayload, out var flag) && flag is "1" or "t" or "T" or "true" or "TRUE" or "True";

    private static Dictionary<string, string> Metadata(ReceivedEntry entry)
    {
        if (entry.Metadata.IsNullOrEmpty)
            return [];
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>((string)entry.Metadata!) ?? [];
        }
        catch (JsonException)
        {
            return []; // daprd logs and ignores unreadable metadata too
        }
    }
}

using System.Diagnostics;
using Google.Protobuf;
using TalentMesh.EventBus.Benchmarks.Protos;
using TalentMesh.EventBus.Events;

namespace TalentMesh.EventBus.Benchmarks;

public sealed record SerializationCost(string Step, double Microseconds);

/// <summary>
/// The per-event serialization every event pays, timed on one thread in the steady state: the protobuf JSON
/// mapping both ways (Google.Protobuf) and the CloudEvent envelope both ways (CloudEvents SDK); and, for comparison,
/// what the same-work baseline pays instead (the same JSON both ways through source-generated System.Text.Json).
/// </summary>
public static class SerializationCosts
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromMilliseconds(500), Measure = TimeSpan.FromMilliseconds(500);

    public static IReadOnlyList<SerializationCost> Run(string padding)
    {
        var message = BusBenchmark.NewEvent("serialization", 1, Stopwatch.GetTimestamp(), padding);
        var type = EventCatalog.For<BenchmarkHappened>();
        var json = JsonFormatter.Default.Format(message);
        var outgoing = new OutgoingEvent(Guid.CreateVersion7().ToString(), type.CloudEventType, DateTimeOffset.UtcNow, json, null, null);
        var envelope = CloudEventCodec.Encode(outgoing, "bench-producer", "pubsub", type.Topic).ToArray();
        var sameWork = new SameWorkCloudEvent("1.0", outgoing.Id, "bench-producer", type.CloudEventType, outgoing.Time, "application/json",
            type.Topic, "pubsub", "", new SameWorkPayload(message.Run, message.Sequence, message.ScheduledAt, padding));
        var sameWorkJson = sameWork.Encode();
        return
        [
            new("protobuf → JSON (producer commit)", Time(() => JsonFormatter.Default.Format(message))),
            new("CloudEvent encode (producer commit)", Time(() => CloudEventCodec.Encode(outgoing, "bench-producer", "pubsub", type.Topic))),
            new("CloudEvent decode (consumer)", Time(() => CloudEventCodec.Decode(envelope, type.Topic, 1))),
            new("JSON → protobuf (consumer)", Time(() => type.ParseJson(json))),
            new("same-work baseline: encode (System.Text.Json)", Time(() => sameWork.Encode())),
            new("same-work baseline: decode (System.Text.Json)", Time(() => SameWorkCloudEvent.Decode(sameWorkJson))),
        ];
    }

    private static double Time(Func<object> step)
    {
        GC.KeepAlive(RunFor(WarmUp, step));
        var started = Stopwatch.GetTimestamp();
        var count = RunFor(Measure, step);
        return Stopwatch.GetElapsedTime(started).TotalMicroseconds / count;
    }

    private static long RunFor(TimeSpan duration, Func<object> step)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long count = 0;
        do
        {
            GC.KeepAlive(step());
            count++;
        }
        while (Stopwatch.GetTimestamp() < until);
        return count;
    }
}

using System.Diagnostics;
using Google.Protobuf;
using TalentMesh.EventBus.Benchmarks.Protos;
using TalentMesh.EventBus.Events;

namespace TalentMesh.EventBus.Benchmarks;

/// <param name="AllocatedBytes">Bytes the step allocates per call: garbage each event leaves for the collector.</param>
public sealed record SerializationCost(string Step, double Microseconds, double AllocatedBytes);

/// <summary>
/// The per-event serialization every event pays, timed on one thread in the steady state: the protobuf JSON
/// mapping both ways (Google.Protobuf) and the CloudEvent envelope both ways (CloudEvents SDK); and, for comparison,
/// what the same-work baseline pays instead (the same JSON both ways through source-generated System.Text.Json).
/// </summary>
public static class SerializationCosts
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromMilliseconds(500), MeasureFor = TimeSpan.FromMilliseconds(500);

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
            Measure("protobuf → JSON (producer commit)", () => ProtobufJson.Format(message)),
            Measure("CloudEvent encode (producer commit)", () => CloudEventCodec.Encode(outgoing, "bench-producer", "pubsub", type.Topic)),
            Measure("CloudEvent decode (consumer)", () => CloudEventCodec.Decode(envelope, type.Topic, 1)),
            Measure("JSON → protobuf (consumer)", () => type.ParseJson(json)),
            Measure("same-work baseline: encode (System.Text.Json)", () => sameWork.Encode()),
            Measure("same-work baseline: decode (System.Text.Json)", () => SameWorkCloudEvent.Decode(sameWorkJson)),
        ];
    }

    private static SerializationCost Measure(string name, Func<object> step)
    {
        GC.KeepAlive(RunFor(WarmUp, step));
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var started = Stopwatch.GetTimestamp();
        var count = RunFor(MeasureFor, step);
        var elapsed = Stopwatch.GetElapsedTime(started);
        return new(name, elapsed.TotalMicroseconds / count, (double)(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / count);
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

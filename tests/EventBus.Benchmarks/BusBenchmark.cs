using System.Diagnostics;
using Google.Protobuf;
using StackExchange.Redis;
using TalentMesh.EventBus.Benchmarks.Protos;
using TalentMesh.Testing;

namespace TalentMesh.EventBus.Benchmarks;

/// <summary>A bus throughput run, and how many events were on the topic stream when the producer's last commit returned.</summary>
public sealed record BusThroughputResult(ThroughputResult Run, long PublishedAtLastCommit);

/// <summary>
/// The event bus end to end between two hosts: producer commit (state + the event, added to the topic stream by the
/// same script) → consumer → handler commit (state + inbox marker).
/// </summary>
public sealed class BusBenchmark(BenchHost producer, DeliveryRecorder recorder, string padding, IDatabase admin, RedisKey topicStream, CpuMeter cpu)
{
    public static BenchmarkHappened NewEvent(string run, long sequence, long scheduledAt, string padding) =>
        new() { Run = run, Sequence = sequence, ScheduledAt = scheduledAt, Padding = padding };

    private BenchmarkHappened Event(string run, long sequence, long scheduledAt) => NewEvent(run, sequence, scheduledAt, padding);

    /// <summary>
    /// Closed loop at saturation: <paramref name="concurrency"/> commits in flight until all are committed; the rate
    /// runs from the first commit to the last handler commit.
    /// </summary>
    public async Task<BusThroughputResult> ThroughputAsync(string run, int events, int concurrency, TimeSpan deadline)
    {
        var record = recorder.Start(run, events);
        var stateKeys = Enumerable.Range(0, concurrency).Select(worker => producer.Key($"state:{worker}")).ToArray();
        var topicBefore = await admin.StreamLengthAsync(topicStream);
        long publishedAtLastCommit = 0;
        var result = await ClosedLoopProducer.MeasureAsync(record, events, concurrency,
            (worker, sequence) => producer.CommitAsync(Event(run, sequence, Stopwatch.GetTimestamp()), stateKeys[worker]),
            cpu, deadline, $"Event bus throughput ({run})",
            atLastCommit: async () => publishedAtLastCommit = await admin.StreamLengthAsync(topicStream) - topicBefore);
        return new BusThroughputResult(result, publishedAtLastCommit);
    }

    /// <summary>Open loop at a fixed rate (see <see cref="FixedRateProducer"/>), every commit to one state key.</summary>
    public Task<LatencyResult> FixedRateAsync(string run, int rate, int seconds, TimeSpan deadline)
    {
        var record = recorder.Start(run, checked(rate * seconds));
        var stateKey = producer.Key("state:latency");
        return FixedRateProducer.RunAsync(record, rate, seconds,
            (sequence, scheduled) => producer.CommitAsync(Event(run, sequence, scheduled), stateKey), cpu, deadline, $"Event bus latency ({run})");
    }

    /// <summary>
    /// Waits until the bus is idle between runs: the consumers have acknowledged every topic entry, so the next run
    /// starts without the previous one's tail.
    /// </summary>
    public Task SettleAsync(string consumerGroup, TimeSpan deadline) =>
        Eventually.TrueAsync(async () => (await admin.StreamPendingAsync(topicStream, consumerGroup)).PendingMessageCount == 0,
            deadline, "the consumers still had unacknowledged entries");

    /// <summary>Pads the event's padding so its JSON (the CloudEvent's data) is <paramref name="targetBytes"/> long.</summary>
    public static string PaddingFor(int targetBytes)
    {
        var probe = new BenchmarkHappened { Run = "throughput", Sequence = 10_000, ScheduledAt = Stopwatch.GetTimestamp(), Padding = "" };
        var withEmptyPadding = JsonFormatter.Default.Format(probe).Length + ",\"padding\":\"\"".Length;
        return new string('x', Math.Max(0, targetBytes - withEmptyPadding));
    }
}

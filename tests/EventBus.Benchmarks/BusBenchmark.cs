using System.Diagnostics;
using Google.Protobuf;
using StackExchange.Redis;
using TalentMesh.EventBus.Benchmarks.Protos;
using TalentMesh.EventBus.Outbox;
using TalentMesh.Testing;

namespace TalentMesh.EventBus.Benchmarks;

public sealed record BusThroughputResult(int Events, TimeSpan Elapsed, TimeSpan CommitPhase, Percentiles LatencyMs, int Duplicates,
    long RelayedAtLastCommit, int HandledAtLastCommit, CpuCost Cpu)
{
    public double EventsPerSecond => Events / Elapsed.TotalSeconds;
    public double CommitsPerSecond => Events / CommitPhase.TotalSeconds;
}

public sealed record BusLatencyResult(int Events, int TargetRate, double IssuedRate, double CommittedRate, double HandledRate,
    Percentiles LatencyMs, Percentiles CommitMs, int Duplicates);

/// <summary>
/// The event bus end to end between two hosts: producer commit (state + outbox) → relay → topic stream →
/// consumer → handler commit (state + inbox marker).
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
        var cpuBefore = await cpu.SampleAsync();
        var started = Stopwatch.GetTimestamp();
        using var stop = new CancellationTokenSource(deadline);
        await ClosedLoopProducer.RunAsync(events, concurrency,
            (worker, sequence) => producer.CommitAsync(Event(run, sequence, Stopwatch.GetTimestamp()), stateKeys[worker]), stop.Token);
        var committed = Stopwatch.GetTimestamp();
        var handledAtLastCommit = record.Handled;
        var relayedAtLastCommit = await admin.StreamLengthAsync(topicStream) - topicBefore;
        await record.WaitAsync(Remaining(deadline, started), $"Event bus throughput ({run})");
        var cpuAfter = await cpu.SampleAsync();
        return new BusThroughputResult(events, Stopwatch.GetElapsedTime(started, record.LastHandledAt),
            Stopwatch.GetElapsedTime(started, committed), record.LatenciesMs(), record.Duplicates,
            relayedAtLastCommit, handledAtLastCommit, cpuAfter.PerEventSince(cpuBefore, events));
    }

    /// <summary>
    /// Open loop at a fixed rate: event i is due at start + i/rate and carries that due time, so a stalled sender or a
    /// slow commit shows up as latency instead of silently lowering the rate (no coordinated omission).
    /// </summary>
    public async Task<BusLatencyResult> FixedRateAsync(string run, int rate, int seconds, TimeSpan deadline)
    {
        var total = checked(rate * seconds);
        var record = recorder.Start(run, total);
        var stateKey = producer.Key("state:latency");
        var commits = new Task[total];
        var commitMs = new double[total];
        long lastCommitted = 0;
        var ticksPerEvent = (double)Stopwatch.Frequency / rate;
        var start = Stopwatch.GetTimestamp();
        var lastIssued = start;
        using (var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(1)))
        {
            var sent = 0;
            while (sent < total)
            {
                var now = Stopwatch.GetTimestamp();
                var due = Math.Min(total, (int)((now - start) / ticksPerEvent) + 1);
                for (; sent < due; sent++)
                {
                    var scheduled = start + (long)(sent * ticksPerEvent);
                    var sequence = sent;
                    commits[sequence] = CommitAsync(sequence, scheduled);
                }
                lastIssued = Stopwatch.GetTimestamp();
                if (sent < total)
                    await timer.WaitForNextTickAsync();
            }
        }
        await Task.WhenAll(commits).WaitAsync(Remaining(deadline, start));
        await record.WaitAsync(Remaining(deadline, start), $"Event bus latency ({run})");
        var window = Stopwatch.GetElapsedTime(start, lastIssued).TotalSeconds;
        return new BusLatencyResult(total, rate,
            IssuedRate: (total - 1) / Math.Max(window, 1e-9),
            CommittedRate: total / Stopwatch.GetElapsedTime(start, Interlocked.Read(ref lastCommitted)).TotalSeconds,
            HandledRate: total / Stopwatch.GetElapsedTime(start, record.LastHandledAt).TotalSeconds,
            record.LatenciesMs(), new Percentiles(commitMs), record.Duplicates);

        async Task CommitAsync(int sequence, long scheduled)
        {
            await producer.CommitAsync(Event(run, sequence, scheduled), stateKey);
            var done = Stopwatch.GetTimestamp();
            commitMs[sequence] = (done - scheduled) * 1000.0 / Stopwatch.Frequency;
            var last = Interlocked.Read(ref lastCommitted);
            while (done > last && Interlocked.CompareExchange(ref lastCommitted, done, last) != last)
                last = Interlocked.Read(ref lastCommitted);
        }
    }

    /// <summary>
    /// Waits until the bus is idle between runs: the relay has acknowledged every outbox entry it read and the
    /// consumers every topic entry, so the next run starts without the previous one's tail.
    /// </summary>
    public Task SettleAsync(string consumerGroup, TimeSpan deadline) =>
        Eventually.TrueAsync(async () =>
                (await admin.StreamPendingAsync(producer.OutboxStream, OutboxKeys.RelayGroup)).PendingMessageCount == 0
                && (await admin.StreamPendingAsync(topicStream, consumerGroup)).PendingMessageCount == 0,
            deadline, "the relay or the consumers still had unacknowledged entries");

    /// <summary>What is left of <paramref name="deadline"/> counted from <paramref name="start"/>; zero, not negative, once it passed.</summary>
    private static TimeSpan Remaining(TimeSpan deadline, long start) =>
        deadline - Stopwatch.GetElapsedTime(start) is { Ticks: > 0 } left ? left : TimeSpan.Zero;

    /// <summary>Pads the event's padding so its JSON (the CloudEvent's data) is <paramref name="targetBytes"/> long.</summary>
    public static string PaddingFor(int targetBytes)
    {
        var probe = new BenchmarkHappened { Run = "throughput", Sequence = 10_000, ScheduledAt = Stopwatch.GetTimestamp(), Padding = "" };
        var withEmptyPadding = JsonFormatter.Default.Format(probe).Length + ",\"padding\":\"\"".Length;
        return new string('x', Math.Max(0, targetBytes - withEmptyPadding));
    }
}

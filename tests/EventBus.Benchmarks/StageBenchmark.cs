using System.Diagnostics;
using StackExchange.Redis;
using TalentMesh.Testing;

namespace TalentMesh.EventBus.Benchmarks;

public sealed record StageResult(string Stage, int Events, TimeSpan Elapsed, CpuCost Cpu)
{
    public double EventsPerSecond => Events / Elapsed.TotalSeconds;
}

/// <summary>
/// Where the bus's cost goes: each stage runs alone on a backlog the previous stage left, so the CPU it uses is its
/// own. Producer: a host commits (state + the event, which the redis transport adds to the topic stream in the same
/// script) with no consumer running. Consumer: a host handles the topic backlog. End to end, the two overlap and share
/// the two cores, so the sum of their CPU per event is what bounds the end-to-end rate. (There is no relay stage: under
/// the redis transport the outbox relay only drains what an older version left; under dapr it publishes through
/// daprd, which this benchmark does not run.)
/// </summary>
public sealed class StageBenchmark(string redisConnection, string prefix, string padding, long maxLen,
    IReadOnlyDictionary<string, string> busOptions, CpuMeter cpu)
{
    private const string Run = "stages";

    public async Task<IReadOnlyList<StageResult>> RunAsync(int events, int concurrency, TimeSpan deadline)
    {
        var producer = await MeasureAsync("producer", events, () => CommitAllAsync(events, concurrency, deadline));
        var recorder = new DeliveryRecorder();
        var record = recorder.Start(Run, events);
        var consumer = await MeasureAsync("consumer", events, async () =>
        {
            await using var host = await BenchHost.StartAsync(redisConnection, "bench-consumer", prefix + "consumer:", prefix, maxLen, busOptions, recorder);
            await record.WaitAsync(deadline, "Consumer stage");
        });
        return [producer, consumer];
    }

    /// <summary>What API calls do, with no consumer in the process: 64 callers each committing state + one event.</summary>
    private async Task CommitAllAsync(int events, int concurrency, TimeSpan deadline)
    {
        await using var host = await BenchHost.StartAsync(redisConnection, "bench-producer", prefix + "producer:", prefix, maxLen, busOptions, null);
        var stateKeys = Enumerable.Range(0, concurrency).Select(worker => host.Key($"state:{worker}")).ToArray();
        using var stop = new CancellationTokenSource(deadline);
        var started = await ClosedLoopProducer.RunAsync(events, concurrency, (worker, sequence) =>
            host.CommitAsync(BusBenchmark.NewEvent(Run, sequence, Stopwatch.GetTimestamp(), padding), stateKeys[worker]), stop.Token);
        if (started < events)
            throw new TimeoutException($"Producer stage: only {started:N0} of {events:N0} commits within {deadline.TotalSeconds:0} s.");
    }

    private async Task<StageResult> MeasureAsync(string stage, int events, Func<Task> run)
    {
        var before = await cpu.SampleAsync();
        var started = Stopwatch.GetTimestamp();
        await run();
        var elapsed = Stopwatch.GetElapsedTime(started);
        var after = await cpu.SampleAsync();
        return new StageResult(stage, events, elapsed, after.PerEventSince(before, events));
    }
}

using System.Diagnostics;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TalentMesh.EventBus.Outbox;
using TalentMesh.EventBus.Transport;
using TalentMesh.ServiceDefaults.Redis;
using TalentMesh.ServiceDefaults.Resilience;
using TalentMesh.Testing;

namespace TalentMesh.EventBus.Benchmarks;

public sealed record StageResult(string Stage, int Events, TimeSpan Elapsed, CpuCost Cpu)
{
    public double EventsPerSecond => Events / Elapsed.TotalSeconds;
}

/// <summary>
/// Where the bus's cost goes: each stage runs alone on a backlog the previous stage left, so the CPU it uses is its
/// own. Producer: commits (state + outbox) with no relay running. Relay: a host drains that outbox to the topic.
/// Consumer: a host handles the topic backlog. End to end, the three overlap and share the two cores, so the sum
/// of their CPU per event is what bounds the end-to-end rate.
/// </summary>
public sealed class StageBenchmark(string redisConnection, string prefix, string padding, long maxLen,
    IReadOnlyDictionary<string, string> busOptions, IDatabase admin, CpuMeter cpu)
{
    private const string Run = "stages";

    public async Task<IReadOnlyList<StageResult>> RunAsync(int events, int concurrency, TimeSpan deadline)
    {
        var producerKeys = prefix + "producer:";
        var outbox = new OutboxKeys(new RedisKeyspace(producerKeys));
        var producer = await MeasureAsync("producer", events, () => CommitAllAsync(outbox, events, concurrency, deadline));
        var relay = await MeasureAsync("relay", events, async () =>
        {
            await using var host = await BenchHost.StartAsync(redisConnection, "bench-producer", producerKeys, prefix, maxLen, busOptions, null);
            await Eventually.TrueAsync(async () => await admin.StreamLengthAsync(outbox.OutboxStream) == 0, deadline, "the relay drained the outbox");
        });
        var recorder = new DeliveryRecorder();
        var record = recorder.Start(Run, events);
        var consumer = await MeasureAsync("consumer", events, async () =>
        {
            await using var host = await BenchHost.StartAsync(redisConnection, "bench-consumer", prefix + "consumer:", prefix, maxLen, busOptions, recorder);
            await record.WaitAsync(deadline, "Consumer stage");
        });
        return [producer, relay, consumer];
    }

    /// <summary>What API calls do, without a relay in the process: 64 callers each committing state + one event.</summary>
    private async Task CommitAllAsync(OutboxKeys outbox, int events, int concurrency, TimeSpan deadline)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redisConnection);
        var options = Options.Create(new EventBusOptions { AppId = "bench-producer", TopicPrefix = prefix });
        var unitsOfWork = new EventUnitOfWorkFactory(new GroupCommitter(connection), outbox,
            new OutboxEntryFactory(new TopicNames(options), options, TimeProvider.System), new OutboxSignal(),
            RedisPipeline.Create(new RedisResilienceOptions()), options);
        using var stop = new CancellationTokenSource(deadline);
        var started = await ClosedLoopProducer.RunAsync(events, concurrency, (worker, sequence) =>
            ClosedLoopProducer.CommitAsync(unitsOfWork, BusBenchmark.NewEvent(Run, sequence, Stopwatch.GetTimestamp(), padding),
                outbox.OutboxStream.Append(":state:" + worker)), stop.Token);
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

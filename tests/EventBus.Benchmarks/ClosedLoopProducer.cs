using System.Diagnostics;
using StackExchange.Redis;
using TalentMesh.EventBus.Benchmarks.Protos;
using TalentMesh.EventBus.Outbox;
using TalentMesh.Testing;

namespace TalentMesh.EventBus.Benchmarks;

/// <summary>One closed-loop throughput run: from the first commit to the last handler commit.</summary>
public sealed record ThroughputResult(int Events, TimeSpan Elapsed, TimeSpan CommitPhase, Percentiles LatencyMs, int Duplicates,
    int HandledAtLastCommit, CpuCost Cpu)
{
    public double EventsPerSecond => Events / Elapsed.TotalSeconds;
    public double CommitsPerSecond => Events / CommitPhase.TotalSeconds;
}

/// <summary>What API calls do at saturation: <c>concurrency</c> callers, each committing state + one event and then the next.</summary>
public static class ClosedLoopProducer
{
    /// <summary>
    /// Runs <paramref name="commit"/> for sequences 0..events-1 on <paramref name="concurrency"/> workers; stops early
    /// when <paramref name="stop"/> fires. Returns how many sequences were started.
    /// </summary>
    public static async Task<int> RunAsync(int events, int concurrency, Func<int, int, Task> commit, CancellationToken stop)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            int sequence;
            while ((sequence = Interlocked.Increment(ref next)) < events && !stop.IsCancellationRequested)
                await commit(worker, sequence);
        })));
        return Math.Min(next, events);
    }

    /// <summary>
    /// A throughput run at saturation: <paramref name="concurrency"/> commits in flight until all are committed, then
    /// waits for <paramref name="record"/> to see every sequence. <paramref name="atLastCommit"/> runs right after the
    /// last commit returned (to sample how far the later stages had come). CPU covers the whole run.
    /// </summary>
    public static async Task<ThroughputResult> MeasureAsync(RunRecord record, int events, int concurrency, Func<int, int, Task> commit,
        CpuMeter cpu, TimeSpan deadline, string what, Func<Task>? atLastCommit = null)
    {
        var cpuBefore = await cpu.SampleAsync();
        var started = Stopwatch.GetTimestamp();
        using var stop = new CancellationTokenSource(deadline);
        await RunAsync(events, concurrency, commit, stop.Token);
        var committed = Stopwatch.GetTimestamp();
        var handledAtLastCommit = record.Handled;
        if (atLastCommit is not null)
            await atLastCommit();
        await record.WaitAsync(Deadlines.Remaining(deadline, started), what);
        var cpuAfter = await cpu.SampleAsync();
        return new ThroughputResult(events, Stopwatch.GetElapsedTime(started, record.LastHandledAt), Stopwatch.GetElapsedTime(started, committed),
            record.LatenciesMs(), record.Duplicates, handledAtLastCommit, cpuAfter.PerEventSince(cpuBefore, events));
    }

    /// <summary>One API call's unit of work: a small state write and the event, committed atomically.</summary>
    public static async Task CommitAsync(EventUnitOfWorkFactory unitsOfWork, BenchmarkHappened @event, RedisKey stateKey)
    {
        var unitOfWork = unitsOfWork.Begin();
        unitOfWork.Set(stateKey, @event.Sequence);
        unitOfWork.Publish(@event);
        if (await unitOfWork.CommitAsync() != CommitOutcome.Committed)
            throw new InvalidOperationException($"Commit of event {@event.Sequence} failed.");
    }
}

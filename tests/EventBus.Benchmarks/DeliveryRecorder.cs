using System.Collections.Concurrent;
using System.Diagnostics;
using TalentMesh.Testing;

namespace TalentMesh.EventBus.Benchmarks;

/// <summary>What the consumer host's handler saw, per run: distinct sequences handled and their latencies.</summary>
public sealed class DeliveryRecorder
{
    private readonly ConcurrentDictionary<string, RunRecord> runs = new();

    public RunRecord Start(string run, int expected)
    {
        var record = new RunRecord(expected);
        return runs.TryAdd(run, record) ? record : throw new InvalidOperationException($"Run {run} exists.");
    }

    public void Record(string run, long sequence, long scheduledAt, long handledAt)
    {
        if (runs.TryGetValue(run, out var record))
            record.Record(sequence, scheduledAt, handledAt);
    }
}

/// <summary>One run's samples. A sequence is counted once, however often it is delivered.</summary>
public sealed class RunRecord(int expected)
{
    private readonly int[] seen = new int[expected];
    private readonly long[] latencyTicks = new long[expected];
    private readonly TaskCompletionSource completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int handled;
    private int duplicates;
    private long lastHandledAt;

    public int Handled => Volatile.Read(ref handled);
    public int Duplicates => Volatile.Read(ref duplicates);

    /// <summary>Stopwatch timestamp of the latest handler commit.</summary>
    public long LastHandledAt => Interlocked.Read(ref lastHandledAt);

    public void Record(long sequence, long scheduledAt, long handledAt)
    {
        if (sequence < 0 || sequence >= expected)
            return;
        if (Interlocked.Exchange(ref seen[sequence], 1) != 0)
        {
            Interlocked.Increment(ref duplicates);
            return;
        }
        latencyTicks[sequence] = handledAt - scheduledAt;
        var last = Interlocked.Read(ref lastHandledAt);
        while (handledAt > last && Interlocked.CompareExchange(ref lastHandledAt, handledAt, last) != last)
            last = Interlocked.Read(ref lastHandledAt);
        if (Interlocked.Increment(ref handled) == expected)
            completed.TrySetResult();
    }

    /// <summary>Latencies in milliseconds of every handled sequence.</summary>
    public Percentiles LatenciesMs() => new(Enumerable.Range(0, expected)
        .Where(i => Volatile.Read(ref seen[i]) != 0)
        .Select(i => latencyTicks[i] * 1000.0 / Stopwatch.Frequency));

    /// <summary>Waits for every expected sequence; fails with how many are missing when the deadline passes.</summary>
    public async Task WaitAsync(TimeSpan timeout, string what)
    {
        try
        {
            await completed.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{what}: only {Handled:N0} of {expected:N0} events reached the handler in time.");
        }
    }
}

using System.Diagnostics;
using TalentMesh.Testing;

namespace TalentMesh.EventBus.Benchmarks;

public sealed record LatencyResult(int Events, int TargetRate, double IssuedRate, double CommittedRate, double HandledRate,
    Percentiles LatencyMs, Percentiles CommitMs, int Duplicates, CpuCost Cpu);

/// <summary>
/// Open loop at a fixed rate: event i is due at start + i/rate and carries that due time, so a stalled sender or a
/// slow commit shows up as latency instead of silently lowering the rate (no coordinated omission).
/// </summary>
public static class FixedRateProducer
{
    /// <summary>
    /// Issues <c>rate × seconds</c> commits, each as <paramref name="commit"/>(sequence, due Stopwatch timestamp),
    /// without waiting for earlier ones, from a 1 ms timer loop; then waits for <paramref name="record"/> to see them all.
    /// CPU per event covers the whole run: the unsaturated regime, where each event pays its round trips and wake-ups alone.
    /// </summary>
    public static async Task<LatencyResult> RunAsync(RunRecord record, int rate, int seconds, Func<int, long, Task> commit,
        CpuMeter cpu, TimeSpan deadline, string what)
    {
        var cpuBefore = await cpu.SampleAsync();
        var total = checked(rate * seconds);
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
                    commits[sent] = CommitAsync(sent, start + (long)(sent * ticksPerEvent));
                lastIssued = Stopwatch.GetTimestamp();
                if (sent < total)
                    await timer.WaitForNextTickAsync();
            }
        }
        await Task.WhenAll(commits).WaitAsync(Deadlines.Remaining(deadline, start));
        await record.WaitAsync(Deadlines.Remaining(deadline, start), what);
        var cpuAfter = await cpu.SampleAsync();
        var window = Stopwatch.GetElapsedTime(start, lastIssued).TotalSeconds;
        return new LatencyResult(total, rate,
            IssuedRate: (total - 1) / Math.Max(window, 1e-9),
            CommittedRate: total / Stopwatch.GetElapsedTime(start, Interlocked.Read(ref lastCommitted)).TotalSeconds,
            HandledRate: total / Stopwatch.GetElapsedTime(start, record.LastHandledAt).TotalSeconds,
            record.LatenciesMs(), new Percentiles(commitMs), record.Duplicates, cpuAfter.PerEventSince(cpuBefore, total));

        async Task CommitAsync(int sequence, long scheduled)
        {
            await commit(sequence, scheduled);
            var done = Stopwatch.GetTimestamp();
            commitMs[sequence] = (done - scheduled) * 1000.0 / Stopwatch.Frequency;
            var last = Interlocked.Read(ref lastCommitted);
            while (done > last && Interlocked.CompareExchange(ref lastCommitted, done, last) != last)
                last = Interlocked.Read(ref lastCommitted);
        }
    }
}

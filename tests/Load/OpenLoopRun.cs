using System.Diagnostics;

namespace TalentMesh.Load;

/// <summary>What a run measured: the window, the workflows started and completed in it, and when the last one finished.</summary>
public sealed record RunResult(long WindowStart, long WindowEnd, long LastCompletion, int Started, int Completed, int Failed, int Unfinished);

/// <summary>
/// Starts workflows on a fixed schedule (<see cref="ArrivalSchedule"/>) whatever the responses do (open loop), so a
/// slow mesh cannot slow the arrivals down and hide its tail latency. A 1 ms periodic timer releases every workflow
/// whose time has come (several at once after a late tick); each is timed from its intended start, not from when the
/// timer got round to it (coordinated-omission-safe).
/// </summary>
public static class OpenLoopRun
{
    public static async Task<RunResult> RunAsync(LoadOptions options, Workflow workflow, HiccupLog hiccups, Func<string> processes, Action<string> progress, CancellationToken cancellationToken)
    {
        var schedule = new ArrivalSchedule(options.Rate, options.Warmup, options.Duration);
        var warmupCount = schedule.WarmupCount;
        var total = schedule.Total;
        var start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 10;
        long Intended(long i) => start + (long)(schedule.Offset(i).TotalSeconds * Stopwatch.Frequency);

        var running = new List<Task<bool>>((int)total);
        long lastCompletion = 0;
        var next = 0L;
        var nextReport = start;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(1));
        while (next < total && await timer.WaitForNextTickAsync(cancellationToken))
        {
            var now = Stopwatch.GetTimestamp();
            for (; next < total && Intended(next) <= now; next++)
            {
                var (index, intended, measured) = (next, Intended(next), next >= warmupCount);
                running.Add(Task.Run(async () =>
                {
                    var completed = await workflow.RunAsync(index, intended, measured);
                    if (measured && completed)
                        AtomicMax.Raise(ref lastCompletion, Stopwatch.GetTimestamp());
                    return completed;
                }, CancellationToken.None));
            }
            if (now >= nextReport)
            {
                progress($"{Stopwatch.GetElapsedTime(start).TotalSeconds,5:N0} s: started {next:N0}, in flight {running.Count(t => !t.IsCompleted):N0}, longest hiccup {hiccups.TakeIntervalMax().TotalMilliseconds:N0} ms, load average {ProcFs.LoadAverage()}; {processes()}");
                nextReport = now + 5 * Stopwatch.Frequency;
            }
        }
        var windowEnd = Intended(total);

        // Let the last workflows finish; one still running after its visibility timeout (and a margin) is unfinished.
        var drain = Task.WhenAll(running);
        await Task.WhenAny(drain, Task.Delay(options.VisibilityTimeout + TimeSpan.FromSeconds(30), cancellationToken));
        var measuredTasks = running.Skip((int)warmupCount).ToList();
        return new RunResult(
            Intended(warmupCount), windowEnd, Interlocked.Read(ref lastCompletion), measuredTasks.Count,
            measuredTasks.Count(t => t.IsCompletedSuccessfully && t.Result),
            measuredTasks.Count(t => t.IsCompleted && !(t.IsCompletedSuccessfully && t.Result)),
            measuredTasks.Count(t => !t.IsCompleted));
    }
}

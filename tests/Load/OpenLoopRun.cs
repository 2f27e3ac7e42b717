using System.Diagnostics;

namespace TalentMesh.Load;

/// <summary>What a run measured: the window, the workflows started and completed in it, and when the last one finished.</summary>
/// <param name="Disturbance">When the run's disturbance (<see cref="Disturbances"/>) was done, if there was one.</param>
public sealed record RunResult(long WindowStart, long WindowEnd, long LastCompletion, int Started, int Completed, int Failed, int Unfinished,
    Disturbance? Disturbance = null)
{
    /// <summary>Workflows completed per second, from the first intended start to the last completion.</summary>
    public double CompletedPerSecond => LastCompletion > WindowStart ? Completed / ((LastCompletion - WindowStart) / (double)Stopwatch.Frequency) : 0;
}

/// <summary>
/// Starts workflows on a fixed schedule (<see cref="ArrivalSchedule"/>) whatever the responses do (open loop), so a
/// slow mesh cannot slow the arrivals down and hide its tail latency. A 1 ms periodic timer releases every workflow
/// whose time has come (several at once after a late tick); each is timed from its intended start, not from when the
/// timer got round to it (coordinated-omission-safe). Before the schedule, unmeasured workflows at its first rate give
/// the services' JIT time to settle (<see cref="SettleAsync"/>).
/// </summary>
public static class OpenLoopRun
{
    /// <summary>How often a progress line is printed; the figures on it (CPU, the machine's speed) cover this span.</summary>
    public static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(5);

    private static readonly long ProgressTicks = (long)(ProgressInterval.TotalSeconds * Stopwatch.Frequency);

    public static async Task<RunResult> RunAsync(LoadOptions options, Workflow workflow, HiccupLog hiccups, Func<string> processes,
        Func<double?> busiestJit, Action<string> progress, Func<long, Task<Disturbance>>? disturb, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(1));
        var settling = await SettleAsync(options, workflow, hiccups, processes, busiestJit, progress, timer, cancellationToken);

        var schedule = new ArrivalSchedule(options.Rate, options.Warmup, options.Duration);
        var warmupCount = schedule.WarmupCount;
        var total = schedule.Total;
        var start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 10;
        long Intended(long i) => start + (long)(schedule.Offset(i).TotalSeconds * Stopwatch.Frequency);

        var disturbance = disturb?.Invoke(Intended(warmupCount));
        var running = new List<Task<bool>>((int)total);
        long lastCompletion = 0;
        var next = 0L;
        var nextReport = start;
        var machine = ProcFs.Machine();
        while (next < total && await timer.WaitForNextTickAsync(cancellationToken))
        {
            var now = Stopwatch.GetTimestamp();
            for (; next < total && Intended(next) <= now; next++)
            {
                var (index, intended, measured) = (next, Intended(next), next >= warmupCount);
                running.Add(Task.Run(async () =>
                {
                    // Workflow numbers go on after the settling phase's (talent ids and identity numbers stay distinct).
                    var completed = await workflow.RunAsync(settling.Count + index, intended, measured);
                    if (measured && completed)
                        AtomicMax.Raise(ref lastCompletion, Stopwatch.GetTimestamp());
                    return completed;
                }, CancellationToken.None));
            }
            if (now >= nextReport)
            {
                var machineNow = ProcFs.Machine();
                progress($"{Stopwatch.GetElapsedTime(start).TotalSeconds,5:N0} s: started {next:N0}, in flight {running.Count(t => !t.IsCompleted):N0}, longest hiccup {hiccups.TakeIntervalMax().TotalMilliseconds:N0} ms, machine idle {machineNow.IdlePercentSince(machine):N0} %, uncounted {machineNow.UncountedPercentSince(machine, Environment.ProcessorCount):N0} %; {processes()}");
                machine = machineNow;
                nextReport = now + ProgressTicks;
            }
        }
        var windowEnd = Intended(total);

        // Let the last workflows finish; one still running after its visibility timeout (and a margin) is unfinished.
        var drain = Task.WhenAll(running.Concat(settling));
        await Task.WhenAny(drain, Task.Delay(options.VisibilityTimeout + TimeSpan.FromSeconds(30), cancellationToken));
        var measuredTasks = running.Skip((int)warmupCount).ToList();
        return new RunResult(
            Intended(warmupCount), windowEnd, Interlocked.Read(ref lastCompletion), measuredTasks.Count,
            measuredTasks.Count(t => t.IsCompletedSuccessfully && t.Result),
            measuredTasks.Count(t => t.IsCompleted && !(t.IsCompletedSuccessfully && t.Result)),
            measuredTasks.Count(t => !t.IsCompleted),
            disturbance is null ? null : await disturbance);
    }

    /// <summary>
    /// Before the warm-up: workflows at the warm-up's first rate until no service's tiered-compilation threads used more
    /// than <see cref="LoadOptions.SettledJitPercent"/> of a core over the last <see cref="LoadOptions.SettledOver"/>, or <see cref="LoadOptions.SettleLimit"/>
    /// passed. A fresh service runs its hot paths as tier-0 code while its JIT thread recompiles them, and for its first
    /// ~20 s costs about twice its steady CPU even at 30 workflows/s (docs/benchmarks.md, "Session 10"): a ramp that
    /// started then met a mesh that could not yet carry the rate, and on a busy machine the backlog it built outlived the
    /// warm-up. Unmeasured, like the warm-up.
    /// </summary>
    private static async Task<List<Task<bool>>> SettleAsync(LoadOptions options, Workflow workflow, HiccupLog hiccups, Func<string> processes,
        Func<double?> busiestJit, Action<string> progress, PeriodicTimer timer, CancellationToken cancellationToken)
    {
        var settling = new List<Task<bool>>();
        if (options.SettleLimit <= TimeSpan.Zero)
            return settling;
        var rate = options.Rate * ArrivalSchedule.RampStart;
        var start = Stopwatch.GetTimestamp();
        var nextCheck = start + Stopwatch.Frequency;
        var nextReport = start + ProgressTicks;
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            var now = Stopwatch.GetTimestamp();
            for (long index = settling.Count; start + (long)(index / rate * Stopwatch.Frequency) <= now; index++)
            {
                var (number, intended) = (index, start + (long)(index / rate * Stopwatch.Frequency));
                settling.Add(Task.Run(() => workflow.RunAsync(number, intended, measured: false), CancellationToken.None));
            }
            if (now < nextCheck)
                continue;
            nextCheck = now + Stopwatch.Frequency;
            var elapsed = Stopwatch.GetElapsedTime(start);
            if (busiestJit() is { } jit && jit <= LoadOptions.SettledJitPercent)
            {
                progress($"settled after {elapsed.TotalSeconds:N0} s at {rate:N0} workflows/s: no service's JIT above {jit:N1} % of a core over {LoadOptions.SettledOver.TotalSeconds:N0} s");
                return settling;
            }
            if (elapsed >= options.SettleLimit)
            {
                progress($"still compiling after {elapsed.TotalSeconds:N0} s at {rate:N0} workflows/s (limit); warming up anyway");
                return settling;
            }
            if (now >= nextReport)
            {
                nextReport = now + ProgressTicks;
                progress($"settling {elapsed.TotalSeconds,3:N0} s: started {settling.Count:N0}, in flight {settling.Count(t => !t.IsCompleted):N0}, longest hiccup {hiccups.TakeIntervalMax().TotalMilliseconds:N0} ms; {processes()}");
            }
        }
        return settling;
    }
}

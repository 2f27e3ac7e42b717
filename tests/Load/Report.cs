using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace TalentMesh.Load;

/// <summary>The figures of a run as tables, and each goal of issue #11 as pass or fail.</summary>
public static class Report
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static bool Write(LoadOptions options, RunResult result, Recorders recorders, ProcessSampler sampler, string loadBefore, string loadAfter)
    {
        var calls = new Table().Title("Calls and workflows (ms)").AddColumns("", "count", "errors", "p50", "p90", "p99", "p99.9", "max");
        foreach (var recorder in recorders.All)
        {
            calls.AddRow(Markup.Escape(recorder.Name), recorder.Count.ToString("N0", Invariant),
                recorder.ErrorCount == 0 ? "0" : $"[red]{recorder.ErrorCount:N0}[/] ({Markup.Escape(string.Join(", ", recorder.Errors.Select(e => $"{e.Key} ×{e.Value}")))})",
                Ms(recorder.PercentileMs(50)), Ms(recorder.PercentileMs(90)), Ms(recorder.PercentileMs(99)), Ms(recorder.PercentileMs(99.9)), Ms(recorder.MaxMs));
        }
        AnsiConsole.Write(calls);

        var window = Seconds(result.WindowEnd - result.WindowStart);
        AnsiConsole.MarkupLine(Invariant, "Workflows in the measured window: started {0:N0} ({1:N1}/s for {2:N0} s), completed {3:N0}, failed {4:N0}, unfinished {5:N0}; completed {6:N1}/s (first intended start → last completion).",
            result.Started, result.Started / window, window, result.Completed, result.Failed, result.Unfinished, result.CompletedPerSecond);

        var processes = new Table().Title($"Processes (sampled every second; memory flat = last third's mean RSS at most {options.MemoryTolerance:P0} above the first third's)")
            .AddColumns("process", "pid", "CPU % of a core", "CPU ms / workflow", "of which JIT / GC threads", "RSS first third MiB", "RSS last third MiB", "change", "flat");
        var flat = new Dictionary<string, bool>();
        var cpuMsPerWorkflow = 0.0;
        var coresBusy = 0.0;
        foreach (var process in sampler.Processes)
        {
            var samples = sampler.Between(process.Name, result.WindowStart, result.WindowEnd);
            if (samples.Count < 3)
            {
                processes.AddRow(Markup.Escape(process.Name), process.ProcessId.ToString(Invariant), "n/a", "n/a", "n/a", "n/a", "n/a", "n/a", "n/a");
                continue;
            }
            var cpu = (samples[^1].Cpu - samples[0].Cpu).TotalSeconds;
            var jit = (samples[^1].JitCpu - samples[0].JitCpu).TotalSeconds;
            var gc = (samples[^1].GcCpu - samples[0].GcCpu).TotalSeconds;
            var cpuPercent = 100 * cpu / Seconds(samples[^1].Timestamp - samples[0].Timestamp);
            coresBusy += cpuPercent / 100;
            var (first, last, change) = FirstAndLastThird(samples, s => s.RssBytes);
            var isFlat = change <= options.MemoryTolerance;
            if (result.Completed > 0)
                cpuMsPerWorkflow += 1000 * cpu / result.Completed;
            // The goal is about the services; Redis holds the data the run writes and grows by design.
            if (process.IsService)
                flat[process.Name] = isFlat;
            processes.AddRow(Markup.Escape(process.Name), process.ProcessId.ToString(Invariant), cpuPercent.ToString("N0", Invariant),
                result.Completed == 0 ? "n/a" : (1000 * cpu / result.Completed).ToString("N2", Invariant),
                result.Completed == 0 || !process.IsService ? "" : $"{1000 * jit / result.Completed:N2} / {1000 * gc / result.Completed:N2}",
                first.ToString("N0", Invariant), last.ToString("N0", Invariant), Change(change), isFlat ? "yes" : "[red]no[/]");
        }
        AnsiConsole.Write(processes);
        if (cpuMsPerWorkflow > 0)
        {
            // No ceiling is derived from it: on this VM the processes' share of the cores stayed the same from 150
            // to 330 workflows/s (docs/benchmarks.md, "Session 15"); what a workflow is charged is not what it costs.
            AnsiConsole.MarkupLine(Invariant,
                "CPU per completed workflow, all processes above: {0:N1} ms ({1:P0} of the {2} cores); "
                + "benefit reads per workflow: {3:N1}.",
                cpuMsPerWorkflow, coresBusy / Environment.ProcessorCount, Environment.ProcessorCount,
                recorders[Workflow.Eligible].Count / (double)Math.Max(1, result.Completed));
        }
        AnsiConsole.MarkupLine(Invariant, "{0} cores; load average before {1}, after {2}.", Environment.ProcessorCount, loadBefore, loadAfter);

        var errors = result.Failed + result.Unfinished + recorders.All.Sum(r => r.ErrorCount);
        var p99 = recorders[Workflow.Visible].PercentileMs(99);
        var goals = new (string Goal, string Measured, bool Met)[]
        {
            ($"{LoadOptions.GoalRate:N0} complete workflows/s for {LoadOptions.GoalDuration.TotalSeconds:N0} s",
                $"{result.CompletedPerSecond:N1}/s for {window:N0} s (offered {options.Rate:N0}/s)",
                options.Rate >= LoadOptions.GoalRate && options.Duration >= LoadOptions.GoalDuration && result.CompletedPerSecond >= 0.99 * LoadOptions.GoalRate),
            ("zero errors", $"{errors:N0}", errors == 0),
            ($"workflow latency p99 < {LoadOptions.GoalWorkflowP99.TotalMilliseconds:N0} ms", $"{p99:N1} ms", p99 > 0 && p99 < LoadOptions.GoalWorkflowP99.TotalMilliseconds),
            ("each service's memory flat", flat.Count == 0 ? "not sampled" : string.Join(", ", flat.Select(f => $"{f.Key} {(f.Value ? "flat" : "grew")}")),
                flat.Count > 0 && flat.Values.All(v => v)),
        };
        var table = new Table().Title("Goals (issue #11)").AddColumns("goal", "measured", "");
        foreach (var (goal, measured, met) in goals)
            table.AddRow(Markup.Escape(goal), Markup.Escape(measured), met ? "[green]PASS[/]" : "[red]FAIL[/]");
        AnsiConsole.Write(table);
        return goals.All(g => g.Met);
    }

    /// <summary>
    /// When the late workflows were verified (<see cref="LatenessSummary"/>): a handful in most spans is a slow evening,
    /// hundreds in a few spans a spell; with a disturbance, how long after it the mesh was back within the goal.
    /// </summary>
    public static void WriteLateness(LatenessSummary lateness, long windowStart)
    {
        var goal = LoadOptions.GoalWorkflowP99.TotalMilliseconds;
        var spans = string.Join(" ", lateness.LatePerSpan.Select(count => count.ToString("N0", Invariant)));
        var lateSeconds = lateness.LateSeconds.Count == 0 ? "none" : string.Join(", ", SecondRanges(lateness.LateSeconds));
        AnsiConsole.MarkupLine(Markup.Escape(string.Create(Invariant,
            $"Late workflows (verified → visible {goal:N0} ms or more), by when HR verified them: {lateness.Late:N0} of {lateness.Count:N0} (the p99 goal allows {lateness.Allowed:N0}); per {OpenLoopRun.ProgressInterval.TotalSeconds:N0} s from the window's start: {spans}; seconds with more than {LatenessSummary.LateShare:P0} late: {lateSeconds}.")));
        if (lateness.Disturbance is not { } disturbance)
            return;
        var settled = string.Create(Invariant, $"{LatenessSummary.SettledSeconds} s in a row with at most {LatenessSummary.LateShare:P0} late");
        var recovered = lateness is { BackWithin: { } back, Recovery: { } recovery }
            ? string.Create(Invariant, $"back within the goal ({settled}) from {back} s, {recovery.TotalSeconds:N1} s after it stopped")
            : lateness.Absorbed
                ? string.Create(Invariant, $"absorbed: no second from its start to {LatenessSummary.SettledSeconds} s after its end had more than {LatenessSummary.LateShare:P0} late")
                : $"not back within the goal ({settled}) before the window's end";
        AnsiConsole.MarkupLine(Markup.Escape(string.Create(Invariant,
            $"Disturbance: {disturbance.What} from {Seconds(disturbance.From - windowStart):N1} to {Seconds(disturbance.To - windowStart):N1} s of the window; {recovered}.")));
    }

    /// <summary>"12–14 s, 30 s": runs of consecutive seconds.</summary>
    private static IEnumerable<string> SecondRanges(IReadOnlyList<int> seconds)
    {
        for (var i = 0; i < seconds.Count;)
        {
            var end = i;
            while (end + 1 < seconds.Count && seconds[end + 1] == seconds[end] + 1)
                end++;
            yield return seconds[i] == seconds[end] ? $"{seconds[i]} s" : $"{seconds[i]}–{seconds[end]} s";
            i = end + 1;
        }
    }

    /// <summary>
    /// Each service's managed heap in the measured window (<see cref="HeapSample"/>), the thirds as the memory goal
    /// compares them: when a service's RSS grew, whether the GC kept more objects (the live part of gen 2 + LOH) or took
    /// more room around the same ones (committed, or free space inside gen 2 + LOH).
    /// </summary>
    public static void WriteManagedHeaps(RunResult result, HeapSampler heaps)
    {
        var table = new Table().Title("Managed heaps (each service's /metrics every 5 s, as its latest collection left them; MiB, first third → last third)")
            .AddColumns("service", "GC committed", "change", "gen 2 + LOH", "change", "of which live", "change", "allocated KB / workflow");
        foreach (var service in heaps.Services)
        {
            var samples = heaps.Between(service, result.WindowStart, result.WindowEnd);
            if (samples.Count < 3)
            {
                table.AddRow(Markup.Escape(service), "n/a", "n/a", "n/a", "n/a", "n/a", "n/a", "n/a");
                continue;
            }
            var committed = FirstAndLastThird(samples, s => s.CommittedBytes);
            var old = FirstAndLastThird(samples, s => s.OldGenerationBytes);
            var live = FirstAndLastThird(samples, s => s.OldGenerationLiveBytes);
            // Allocation between the window's first and last samples over the workflows completed meanwhile (at the window's
            // completion rate): the services' work, measured by the runtime, not by this VM's CPU accounting.
            var workflows = result.CompletedPerSecond * Seconds(samples[^1].Timestamp - samples[0].Timestamp);
            var allocated = workflows > 0 ? ((samples[^1].AllocatedBytes - samples[0].AllocatedBytes) / 1024.0 / workflows).ToString("N0", Invariant) : "n/a";
            table.AddRow(Markup.Escape(service), FromTo(committed), Change(committed.Change), FromTo(old), Change(old.Change), FromTo(live), Change(live.Change),
                allocated);
        }
        if (table.Rows.Count > 0)
            AnsiConsole.Write(table);
    }

    /// <summary>The mean of a value over the first and the last third of some samples, in MiB, and the relative change.</summary>
    private static (double First, double Last, double Change) FirstAndLastThird<T>(IReadOnlyList<T> samples, Func<T, long> bytes)
    {
        var third = samples.Count / 3;
        var first = samples.Take(third).Average(s => bytes(s)) / (1024.0 * 1024);
        var last = samples.Skip(samples.Count - third).Average(s => bytes(s)) / (1024.0 * 1024);
        return (first, last, (last - first) / first);
    }

    /// <summary>A relative change with its sign; one that rounds to nothing is "0.0%" (the sectioned format would print "-+0.0%").</summary>
    private static string Change(double change) => Math.Abs(change) < 0.0005 ? "0.0%" : change.ToString("+0.0%;-0.0%", Invariant);

    private static string FromTo((double First, double Last, double Change) thirds) => string.Create(Invariant, $"{thirds.First:N0} → {thirds.Last:N0}");

    /// <summary>
    /// A private mesh's Redis key counts before the run (after any prefill) and after it, and the doublings of Redis's
    /// tables in between: on this machine every surge of the backlog in session 11's runs from an empty store began at one
    /// (docs/benchmarks.md, "Session 11").
    /// </summary>
    public static void WriteKeyspace(KeyCount? before, KeyCount? after)
    {
        if (before is null || after is null)
            return;
        var doublings = KeyCount.DoublingsBetween(before, after);
        AnsiConsole.MarkupLine(Markup.Escape($"Redis keyspace: {before} before the run, {after} after; " +
            (doublings.Count == 0 ? "no table of Redis doubled during the run" : $"Redis doubled a table at {string.Join(", ", doublings)}")));
    }

    /// <summary>Where stalls come from (a private mesh only): the services' GC pauses, their events' conflict retries and redeliveries, and Redis's slow commands.</summary>
    public static void WriteStallSources(StallSources? sources)
    {
        if (sources is null)
            return;
        var table = new Table().Title("Stall sources (whole run, warm-up included)").AddColumns("service", "GC pauses s", "collections", "of which gen2", "mean pause ms", "conflict retries", "redelivered", "slowest event handling: p99 ≤");
        foreach (var service in sources.Services)
        {
            table.AddRow(Markup.Escape(service.Service), service.PauseSeconds.ToString("N2", Invariant), service.Collections.ToString("N0", Invariant),
                service.Gen2Collections.ToString("N0", Invariant), service.Collections == 0 ? "n/a" : (1000 * service.PauseSeconds / service.Collections).ToString("N1", Invariant),
                service.ConflictRetries.ToString("N0", Invariant), service.Redelivered.ToString("N0", Invariant), Markup.Escape(Handling(service.SlowestHandling)));
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(Invariant, "redis-server: {0:N0} commands took 10 ms or more inside Redis (its slow log keeps the last 128){1}.",
            sources.SlowCommands, sources.SlowCommands == 0 ? "" : $", the slowest {sources.SlowestCommandMs:N1} ms ({sources.SlowCommandNames})");
    }

    /// <summary>
    /// Each service's collections in the window from its runtime's events (--gc-events): by generation and DATAS's heap
    /// count, with the share of each pause spent stopping the threads; when the heap count changed and when gen 2 was
    /// collected over the run; and the 5 s in which the service was paused longest — a miss's spell shows there as longer
    /// pauses that each find more alive (docs/benchmarks.md, "Sessions 26 and 27").
    /// </summary>
    public static void WriteCollections(IReadOnlyList<GcCollectionSummary> summaries)
    {
        if (summaries.Count == 0)
            return;
        var table = new Table().Title("Collections in the window (each service's runtime events)")
            .AddColumns("service", "generation", "heaps", "collections", "mean pause ms", "max pause ms", "of it stopping threads, mean ms", "survived gen 0, mean MB");
        foreach (var summary in summaries)
        {
            foreach (var group in summary.Groups)
            {
                table.AddRow(Markup.Escape(summary.Service), group.Generation.ToString(Invariant), group.Heaps.ToString(Invariant), group.Count.ToString("N0", Invariant),
                    group.MeanPauseMs.ToString("N1", Invariant), group.MaxPauseMs.ToString("N1", Invariant), group.MeanSuspendMs.ToString("N2", Invariant), group.MeanSurvivedGen0Mb.ToString("N2", Invariant));
            }
        }
        AnsiConsole.Write(table);
        foreach (var summary in summaries)
        {
            var heapCounts = string.Join(", then ", summary.HeapCounts.Select(change => string.Create(Invariant, $"{change.Heaps} from {change.AtSeconds:N0} s")));
            var paused = summary.MostPaused is { } stretch
                ? string.Create(Invariant, $"; paused longest at {stretch.FromSeconds:N0}–{stretch.ToSeconds:N0} s: {stretch.Count:N0} collections, {stretch.PauseMs:N0} ms in all ({stretch.SuspendMs:N0} ms of it stopping the threads), {stretch.MeanSurvivedGen0Mb:N2} MB survived each")
                : "";
            var gen2 = summary.Gen2AtSeconds.Count == 0 ? "none" : string.Join(", ", summary.Gen2AtSeconds.Select(at => at.ToString("N0", Invariant)));
            AnsiConsole.MarkupLine(Markup.Escape(string.Create(Invariant, $"{summary.Service}: heaps {heapCounts}; gen 2 at {gen2} (seconds from the window's start){paused}.")));
        }
    }

    /// <summary>
    /// The machine's hiccups over the whole run (<see cref="HiccupMeter"/>), the long ones with when they happened, in
    /// seconds from the window's start as the late seconds are (negative before it).
    /// </summary>
    public static void WriteHiccups(HiccupLog log, TimeSpan ownGcPauses, long windowStart)
    {
        var longOnes = log.LongOnes;
        var listed = string.Join(", ", longOnes.OrderByDescending(h => h.Late).Take(5).OrderBy(h => h.At)
            .Select(h => string.Create(Invariant, $"{h.Late.TotalMilliseconds:N0} ms at {Seconds(h.At - windowStart):N0} s")));
        AnsiConsole.MarkupLine(Invariant,
            "Machine hiccups (a thread of this program sleeping 1 ms, woken late by): p50 {0}, p99 {1}, p99.9 {2}, max {3} ms; {4:N0} of {5:N0} ms or more{6}; this program's own GC paused it {7:N2} s in all.",
            Ms(log.PercentileMs(50)), Ms(log.PercentileMs(99)), Ms(log.PercentileMs(99.9)), Ms(log.MaxMs), longOnes.Count,
            HiccupLog.LongHiccup.TotalMilliseconds, longOnes.Count == 0 ? "" : $" ({listed}; seconds from the window's start)", ownGcPauses.TotalSeconds);
    }

    /// <summary>
    /// The fixed loop's speed (<see cref="MachineSpeedMeter"/>) before the load and in the measured window. Compare runs by
    /// the window's figure: in session 14 the same mesh met every goal in all 16 runs whose loop took 1.83–1.99 ms and
    /// in none of the 5 at 2.03–2.12 ms (docs/benchmarks.md, "Session 14"). Then whether the cores were the machine's
    /// own before the load (<see cref="CoreShareProbe"/>), which one loop alone cannot see. Then the memory's latency
    /// (<see cref="MemoryChase"/>) the same way, which the loop cannot see either: the collections' pauses follow it.
    /// </summary>
    /// <param name="quiet">Before the load (Stopwatch timestamps, from and to).</param>
    /// <param name="window">The measured window.</param>
    public static void WriteMachineSpeed(MachineSpeedMeter meter, (long From, long To) quiet, (long From, long To) window, CoreShare cores)
    {
        if (meter.Log.Between(window.From, window.To) is { } loop)
        {
            AnsiConsole.MarkupLine(Invariant,
                "Machine speed (a fixed {0:N0}-step loop on a thread of this program, the fastest of each {4:N0} s): {1:N2} ms in the window{2}, the slowest {4:N0} s {3:N2} ms.",
                MachineSpeedMeter.Steps, loop.Typical.TotalMilliseconds,
                Markup.Escape(AgainstQuiet(loop, meter.Log.Between(quiet.From, quiet.To), run => run.TotalMilliseconds.ToString("N2", Invariant) + " ms")),
                loop.Slowest.TotalMilliseconds, ProbeLog.Spell.TotalSeconds);
        }
        AnsiConsole.MarkupLine(Invariant,
            "Machine cores (a loop as wide as a core, on all {0} cores at once before the load, each core's median of {1} runs): {2} ms, {3:N2}× one loop alone ({5:N2} ms): {4}.",
            cores.Together.Count, CoreShareProbe.Runs, string.Join(" / ", cores.Together.Select(took => took.TotalMilliseconds.ToString("N2", Invariant))),
            cores.Ratio, cores.Shared ? "the cores slowed each other down (hyperthreads of one core, or other work on the machine as the run began), so the mesh may have had less than the loop's speed shows" : "each core ran as fast as one alone",
            cores.Alone.TotalMilliseconds);
        if (meter.MemoryLog.Between(window.From, window.To) is { } memory)
        {
            AnsiConsole.MarkupLine(Invariant,
                "Memory latency (a chain of {0:N0} dependent loads through {1:N0} MiB on the same thread, the fastest of each {4:N0} s): {2:N0} ns a load in the window{3}, the slowest {4:N0} s {5:N0} ns.",
                MemoryChase.Loads, MemoryChase.Length * sizeof(int) / (1024 * 1024), MemoryChase.NanosecondsPerLoad(memory.Typical),
                Markup.Escape(AgainstQuiet(memory, meter.MemoryLog.Between(quiet.From, quiet.To), run => MemoryChase.NanosecondsPerLoad(run).ToString("N0", Invariant) + " ns")),
                ProbeLog.Spell.TotalSeconds, MemoryChase.NanosecondsPerLoad(memory.Slowest));
        }
    }

    /// <summary>" (1.05× the quiet machine's …)", or nothing when the quiet machine had no run.</summary>
    private static string AgainstQuiet(ProbeSpeed window, ProbeSpeed? quiet, Func<TimeSpan, string> format) =>
        quiet is null ? "" : string.Create(Invariant, $" ({window.Typical / quiet.Typical:N2}× the quiet machine's {format(quiet.Typical)})");

    private static string Ms(double value) => value.ToString("N1", Invariant);

    private static string Handling(EventHandling? slowest) => slowest switch
    {
        null => "n/a",
        { P99AtMostSeconds: double.PositiveInfinity } => $"above the largest bucket, {slowest.Topic} ({slowest.Deliveries:N0})",
        _ => string.Create(Invariant, $"{slowest.P99AtMostSeconds * 1000:N0} ms, {slowest.Topic} ({slowest.Deliveries:N0})"),
    };

    private static double Seconds(long stopwatchTicks) => stopwatchTicks / (double)Stopwatch.Frequency;
}

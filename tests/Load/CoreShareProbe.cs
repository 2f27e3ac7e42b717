namespace TalentMesh.Load;

/// <summary>
/// Whether the machine's cores are its own: <see cref="CpuSpeedMeter"/>'s loop on one core alone, then on every core
/// at once, before the load. One loop alone — all the speed meter sees — runs as fast as ever when a VM's vCPUs are
/// hyperthreads of one physical core, or when the host gives the guest less than its cores once they are all busy;
/// then each loop runs slower together than alone, and the mesh, which keeps every core busy, has less than the
/// meter's speed shows. Medians, not the fastest runs: a host that time-slices the vCPUs still lets some runs through
/// at full speed (docs/benchmarks.md, "Load", machine cores).
/// </summary>
public static class CoreShareProbe
{
    /// <summary>Runs of the loop on each core, alone and together: ~0.4 s in all.</summary>
    public const int Runs = 100;

    public static CoreShare Measure()
    {
        var alone = Median(RunOnEveryCore(1))[0];
        return new CoreShare(alone, Median(RunOnEveryCore(Environment.ProcessorCount)));
    }

    private static TimeSpan[][] RunOnEveryCore(int cores)
    {
        var runs = new TimeSpan[cores][];
        using var start = new Barrier(cores);
        var threads = Enumerable.Range(0, cores).Select(core => new Thread(() =>
        {
            start.SignalAndWait(); // the loops run at the same time, not one after another as their threads start
            runs[core] = new TimeSpan[Runs];
            var seed = 1.0;
            for (var run = 0; run < Runs; run++)
            {
                var before = System.Diagnostics.Stopwatch.GetTimestamp();
                seed = CpuSpeedMeter.Run(seed);
                runs[core][run] = System.Diagnostics.Stopwatch.GetElapsedTime(before);
            }
        }) { IsBackground = true, Name = $"core share probe {core}" }).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());
        return runs;
    }

    private static TimeSpan[] Median(TimeSpan[][] runsOfEachCore) =>
        [.. runsOfEachCore.Select(runs => runs.Order().ElementAt(runs.Length / 2))];
}

namespace TalentMesh.Load;

/// <summary>
/// Whether the machine's cores are its own: <see cref="CpuSpeedMeter"/>'s loop on one core alone, then on every core
/// at once, before the load. One loop alone — all the speed meter sees — runs as fast as ever when a VM's vCPUs are
/// hyperthreads of one physical core, or share a core's time with the host's other guests at a grain finer than the
/// loop; then each loop runs slower together than alone, and the mesh, which keeps every core busy, has less than the
/// meter's speed shows. Medians, not the fastest runs, so that a share of the runs slowed counts too. Sharing in
/// slices longer than a run (a neighbour process here, scheduled in milliseconds) mostly leaves whole runs alone and
/// does not show (docs/benchmarks.md, "Load", machine cores).
/// </summary>
public static class CoreShareProbe
{
    /// <summary>Runs of the loop on each core, alone and together: ~0.4 s in all.</summary>
    public const int Runs = 100;

    /// <summary>
    /// Alone and together take turns in rounds, so that a burst of other work (this program's own start-up: its JIT,
    /// its first collections) falls on both sides rather than on one.
    /// </summary>
    private const int Rounds = 5;

    public static CoreShare Measure()
    {
        var cores = Environment.ProcessorCount;
        var alone = new List<TimeSpan>();
        var together = Enumerable.Range(0, cores).Select(_ => new List<TimeSpan>()).ToArray();
        for (var round = 0; round < Rounds; round++)
        {
            alone.AddRange(RunOnEveryCore(1)[0]);
            var runs = RunOnEveryCore(cores);
            for (var core = 0; core < cores; core++)
                together[core].AddRange(runs[core]);
        }
        return new CoreShare(Median(alone), [.. together.Select(Median)]);
    }

    private static TimeSpan[][] RunOnEveryCore(int cores)
    {
        var runs = new TimeSpan[cores][];
        using var start = new Barrier(cores);
        var threads = Enumerable.Range(0, cores).Select(core => new Thread(() =>
        {
            start.SignalAndWait(); // the loops run at the same time, not one after another as their threads start
            runs[core] = new TimeSpan[Runs / Rounds];
            var seed = 1.0;
            for (var run = 0; run < runs[core].Length; run++)
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

    private static TimeSpan Median(List<TimeSpan> runs) => runs.Order().ElementAt(runs.Count / 2);
}

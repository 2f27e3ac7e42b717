namespace TalentMesh.Load;

/// <summary>
/// Whether the machine's cores are its own: <see cref="CpuSpeedMeter"/>'s loop on every core at once, before the
/// load. The speed meter times one loop alone, which runs as fast as ever when a VM's two vCPUs are two hyperthreads
/// of one physical core, or when the host gives the guest less than its cores once both are busy; then each loop
/// runs slower together than alone and the mesh, which keeps both cores busy, has less than the meter shows. Runs of
/// this probe on a fast and on a slow hour tell whether that is what a slow hour takes (docs/benchmarks.md,
/// "Session 20").
/// </summary>
public static class CoreShareProbe
{
    /// <summary>Runs of the loop on each core: ~0.2 s in all, the fastest counting (as in <see cref="CpuSpeedLog"/>).</summary>
    public const int Runs = 100;

    public static IReadOnlyList<TimeSpan> Measure()
    {
        var fastest = new TimeSpan[Environment.ProcessorCount];
        using var start = new Barrier(fastest.Length);
        var threads = Enumerable.Range(0, fastest.Length).Select(core => new Thread(() =>
        {
            start.SignalAndWait(); // all loops run at the same time, not one after another as threads start
            var best = TimeSpan.MaxValue;
            var seed = 1.0;
            for (var run = 0; run < Runs; run++)
            {
                var before = System.Diagnostics.Stopwatch.GetTimestamp();
                seed = CpuSpeedMeter.Run(seed);
                var took = System.Diagnostics.Stopwatch.GetElapsedTime(before);
                if (took < best)
                    best = took;
            }
            fastest[core] = best;
        }) { IsBackground = true, Name = $"core share probe {core}" }).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());
        return fastest;
    }
}

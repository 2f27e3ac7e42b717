using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace TalentMesh.Load;

/// <summary>
/// Whether the machine's cores are its own: a loop as wide as a core, on one core alone, then on every core at once,
/// before the load. <see cref="MachineSpeedMeter"/> times one dependent chain alone, which runs as fast as ever when a VM's
/// vCPUs are hyperthreads of one physical core (two such chains interleave almost for free), or share a core's time
/// with the host's other guests at a grain finer than the loop; the mesh keeps every core busy and has less then.
/// Twelve independent chains keep a core's floating-point units full, so two hyperthreads must share them and each
/// runs ~2× slower together. Medians, not the fastest runs, so that a share of the runs slowed counts too. Sharing in
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
                var before = Stopwatch.GetTimestamp();
                seed = RunWide(seed);
                runs[core][run] = Stopwatch.GetElapsedTime(before);
            }
        }) { IsBackground = true, Name = $"core share probe {core}" }).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());
        return runs;
    }

    /// <summary>
    /// Twelve independent chains of the meter's step (~2 ms here): no step waits for another chain, so the loop runs
    /// at the core's width, not its latency. Optimised from the first call; each chain stays at the fixed point 1.0.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static double RunWide(double seed)
    {
        const double Factor = MachineSpeedMeter.StepFactor, Term = MachineSpeedMeter.StepTerm;
        double a = seed, b = seed, c = seed, d = seed, e = seed, f = seed, g = seed, h = seed, i = seed, j = seed, k = seed, l = seed;
        for (var step = 0; step < MachineSpeedMeter.Steps; step++)
        {
            a = a * Factor + Term; b = b * Factor + Term; c = c * Factor + Term; d = d * Factor + Term;
            e = e * Factor + Term; f = f * Factor + Term; g = g * Factor + Term; h = h * Factor + Term;
            i = i * Factor + Term; j = j * Factor + Term; k = k * Factor + Term; l = l * Factor + Term;
        }
        return (a + b + c + d + e + f + g + h + i + j + k + l) / 12;
    }

    private static TimeSpan Median(List<TimeSpan> runs) => runs.Order().ElementAt(runs.Count / 2);
}

using System.Diagnostics;

namespace TalentMesh.Load;

/// <summary>How fast the machine ran one of <see cref="MachineSpeedMeter"/>'s fixed probes in some span of the run.</summary>
/// <param name="Typical">The median of each spell's fastest run: the speed the machine gave this program then.</param>
/// <param name="Slowest">The slowest spell's fastest run.</param>
public sealed record ProbeSpeed(TimeSpan Typical, TimeSpan Slowest);

/// <summary>
/// Each timed run of one of <see cref="MachineSpeedMeter"/>'s probes (its loop, its memory chain) with when it ended. A
/// run's wall time counts every moment its thread waited for a core the mesh kept busy, so a single run says little;
/// the fastest run of each <see cref="Spell"/> is the probe's speed when it did get a core, which only the machine itself
/// (its host's share, its clock, its memory) can change. One writer (the meter's thread); readers summarise any span
/// while it writes.
/// </summary>
public sealed class ProbeLog
{
    /// <summary>The span whose fastest run counts: ten runs, a progress line's interval.</summary>
    public static readonly TimeSpan Spell = OpenLoopRun.ProgressInterval;

    private readonly List<(long At, TimeSpan Took)> runs = [];

    public void Record(long at, TimeSpan took)
    {
        lock (runs)
            runs.Add((at, took));
    }

    /// <summary>The probe's speed over the runs that ended in [<paramref name="from"/>, <paramref name="to"/>) (Stopwatch timestamps); null when none did.</summary>
    public ProbeSpeed? Between(long from, long to)
    {
        var spell = (long)(Spell.TotalSeconds * Stopwatch.Frequency);
        List<TimeSpan> fastestOfEachSpell;
        lock (runs)
        {
            fastestOfEachSpell = runs.Where(r => r.At >= from && r.At < to)
                .GroupBy(r => (r.At - from) / spell)
                .Select(runsOfASpell => runsOfASpell.Min(r => r.Took))
                .Order()
                .ToList();
        }
        return fastestOfEachSpell.Count == 0
            ? null
            : new ProbeSpeed(fastestOfEachSpell[fastestOfEachSpell.Count / 2], fastestOfEachSpell[^1]);
    }
}

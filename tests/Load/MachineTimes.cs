using System.Diagnostics;
using System.Globalization;

namespace TalentMesh.Load;

/// <summary>
/// The machine's CPU time so far from the first line of /proc/stat (<see cref="ProcFs.Machine"/>), in clock ticks, with
/// when it was read: busy (user, nice, system, irq, softirq, steal) and idle (idle, iowait). Two readings tell what share of the cores sat idle in
/// between, which tells a backlog on a saturated machine from one on a machine whose processes wait; and what share
/// was counted as neither: ticks the kernel missed, as a virtual CPU the host stopped while it ran a task can make it
/// miss them on this VM, which reports no steal (docs/benchmarks.md, "Session 22").
/// </summary>
public readonly record struct MachineTimes(long Busy, long Idle, long Timestamp)
{
    /// <summary>Parses the aggregate "cpu" line of /proc/stat read at <paramref name="timestamp"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public static MachineTimes Parse(string line, long timestamp)
    {
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 9 || fields[0] != "cpu")
            throw new FormatException($"Not the aggregate cpu line of /proc/stat: '{line}'.");
        long Field(int index) => long.Parse(fields[index], CultureInfo.InvariantCulture);
        // user nice system idle iowait irq softirq steal; the guests' time after steal is already in user and nice.
        return new MachineTimes(Field(1) + Field(2) + Field(3) + Field(6) + Field(7) + Field(8), Field(4) + Field(5), timestamp);
    }

    /// <summary>The share of the counted time between <paramref name="earlier"/> and this reading that was idle (0–100 %).</summary>
    public double IdlePercentSince(MachineTimes earlier)
    {
        var busy = Busy - earlier.Busy;
        var idle = Idle - earlier.Idle;
        return busy + idle > 0 ? 100.0 * idle / (busy + idle) : 0;
    }

    /// <summary>
    /// The share of the <paramref name="cores"/>' wall time since <paramref name="earlier"/> counted neither busy nor
    /// idle (0–100 %; a tick of rounding either way reads as 0).
    /// </summary>
    public double UncountedPercentSince(MachineTimes earlier, int cores)
    {
        var wallTicks = (Timestamp - earlier.Timestamp) / (double)Stopwatch.Frequency * ProcFs.TicksPerSecond * cores;
        if (wallTicks <= 0)
            return 0;
        var counted = Busy - earlier.Busy + Idle - earlier.Idle;
        return Math.Max(0, 100.0 * (1 - counted / wallTicks));
    }
}

namespace TalentMesh.Load;

/// <summary>
/// The lateness of each wake-up of <see cref="HiccupMeter"/>: a histogram for the run (a <see cref="LatencyRecorder"/>,
/// as each call has), the longest since the last progress line, and the long ones (<see cref="LongHiccup"/> or more)
/// with when they happened. One writer (the meter's thread); progress lines read the interval's longest meanwhile, the
/// report reads the rest once the meter has stopped.
/// </summary>
public sealed class HiccupLog
{
    /// <summary>A hiccup this long holds up a fifth of the p99 budget (250 ms) by itself.</summary>
    public static readonly TimeSpan LongHiccup = TimeSpan.FromMilliseconds(50);

    private readonly LatencyRecorder lateness = new("machine hiccups");
    private readonly List<(long At, TimeSpan Late)> longOnes = [];
    private long intervalMaxTicks;

    /// <summary>Records a wake-up <paramref name="late"/> past its time, at <paramref name="at"/> (a Stopwatch timestamp, as <see cref="ProbeLog"/> keeps its runs).</summary>
    public void Record(TimeSpan late, long at)
    {
        lateness.RecordElapsed(late);
        AtomicMax.Raise(ref intervalMaxTicks, late.Ticks);
        if (late >= LongHiccup)
        {
            lock (longOnes)
                longOnes.Add((at, late));
        }
    }

    /// <summary>The longest hiccup since the previous call (for the progress lines), and starts the next interval.</summary>
    public TimeSpan TakeIntervalMax() => TimeSpan.FromTicks(Interlocked.Exchange(ref intervalMaxTicks, 0));

    public long Count => lateness.Count;

    /// <summary>The lateness at a percentile (0–100) in milliseconds; 0 before the first wake-up.</summary>
    public double PercentileMs(double percentile) => lateness.PercentileMs(percentile);

    public double MaxMs => lateness.MaxMs;

    /// <summary>The hiccups of <see cref="LongHiccup"/> or more, in the order they happened.</summary>
    public IReadOnlyList<(long At, TimeSpan Late)> LongOnes
    {
        get
        {
            lock (longOnes)
                return [.. longOnes];
        }
    }
}

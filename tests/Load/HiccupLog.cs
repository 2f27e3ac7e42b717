using HdrHistogram;

namespace TalentMesh.Load;

/// <summary>
/// The lateness of each wake-up of <see cref="HiccupMeter"/>: a histogram (µs) for the run, the longest since the last
/// progress line, and the long ones (<see cref="LongHiccup"/> or more) with when they happened. One writer (the meter's
/// thread); progress lines read the interval's longest meanwhile, the report reads the rest once the meter has stopped.
/// </summary>
public sealed class HiccupLog
{
    /// <summary>A hiccup this long holds up a fifth of the p99 budget (250 ms) by itself.</summary>
    public static readonly TimeSpan LongHiccup = TimeSpan.FromMilliseconds(50);

    private static readonly long MaxMicroseconds = TimeSpan.FromMinutes(5).Ticks / 10;

    private readonly LongConcurrentHistogram histogram = new(1, MaxMicroseconds, 3);
    private readonly List<(TimeSpan At, TimeSpan Late)> longOnes = [];
    private long intervalMaxTicks;

    /// <summary>Records a wake-up <paramref name="late"/> past its time, <paramref name="at"/> into the measurement.</summary>
    public void Record(TimeSpan late, TimeSpan at)
    {
        var ticks = Math.Max(0, late.Ticks);
        histogram.RecordValue(Math.Clamp(ticks / 10, 1, MaxMicroseconds));
        for (var seen = Interlocked.Read(ref intervalMaxTicks); ticks > seen; seen = Interlocked.Read(ref intervalMaxTicks))
        {
            if (Interlocked.CompareExchange(ref intervalMaxTicks, ticks, seen) == seen)
                break;
        }
        if (late >= LongHiccup)
        {
            lock (longOnes)
                longOnes.Add((at, late));
        }
    }

    /// <summary>The longest hiccup since the previous call (for the progress lines), and starts the next interval.</summary>
    public TimeSpan TakeIntervalMax() => TimeSpan.FromTicks(Interlocked.Exchange(ref intervalMaxTicks, 0));

    public long Count => histogram.TotalCount;

    /// <summary>The lateness at a percentile (0–100) in milliseconds; 0 before the first wake-up.</summary>
    public double PercentileMs(double percentile) => histogram.TotalCount == 0 ? 0 : histogram.GetValueAtPercentile(percentile) / 1000.0;

    public double MaxMs => histogram.TotalCount == 0 ? 0 : histogram.GetMaxValue() / 1000.0;

    /// <summary>The hiccups of <see cref="LongHiccup"/> or more, in the order they happened.</summary>
    public IReadOnlyList<(TimeSpan At, TimeSpan Late)> LongOnes
    {
        get
        {
            lock (longOnes)
                return [.. longOnes];
        }
    }
}

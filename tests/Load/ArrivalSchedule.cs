namespace TalentMesh.Load;

/// <summary>
/// When each workflow is due. The warm-up ramps the rate linearly from <see cref="RampStart"/> of the target to the
/// target, then the measured window holds the target rate. A zone brings a new release up behind a readiness gate and
/// shifts traffic onto it; starting cold at the full rate instead buried the services under a backlog while they were
/// still compiling their hot paths (the first ~25 s), and a mesh sized for the steady state then spent the window
/// working that backlog off, which measured the start-up rather than the steady state the goals are about.
/// </summary>
public sealed class ArrivalSchedule
{
    /// <summary>The warm-up's first rate, as a fraction of the target.</summary>
    public const double RampStart = 0.1;

    private readonly double rate;
    private readonly double warmupSeconds;

    public ArrivalSchedule(double rate, TimeSpan warmup, TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rate);
        this.rate = rate;
        warmupSeconds = warmup.TotalSeconds;
        // The ramp's average rate is the mean of its first and last rate.
        WarmupCount = (long)(rate * (1 + RampStart) / 2 * warmupSeconds);
        Total = WarmupCount + (long)(rate * duration.TotalSeconds);
    }

    /// <summary>Workflows started during the warm-up (not measured).</summary>
    public long WarmupCount { get; }

    public long Total { get; }

    /// <summary>When workflow <paramref name="index"/> is due, from the start of the run.</summary>
    public TimeSpan Offset(long index)
    {
        if (index >= WarmupCount)
            return TimeSpan.FromSeconds(warmupSeconds + (index - WarmupCount) / rate);
        // During the ramp the rate is r(t) = r0 + (r1 - r0) t / W, so the count started by t is
        // n(t) = r0 t + (r1 - r0) t² / 2W; workflow i is due at the t where n(t) = i (the positive root).
        var r0 = rate * RampStart;
        var a = (rate - r0) / (2 * warmupSeconds);
        return TimeSpan.FromSeconds((-r0 + Math.Sqrt(r0 * r0 + 4 * a * index)) / (2 * a));
    }
}

namespace TalentMesh.Load;

/// <summary>
/// When each workflow is due. The warm-up ramps the rate linearly from <see cref="RampStart"/> of the target to the
/// target over its first two thirds and holds the target for the last third; then the measured window holds it on. A zone
/// brings a new release up behind a readiness gate and shifts traffic onto it; starting cold at the full rate instead
/// buried the services under a backlog while they were still compiling their hot paths (the first ~25 s), and a mesh
/// sized for the steady state then spent the window working that backlog off, which measured the start-up rather than
/// the steady state the goals are about. The hold keeps the moment the mesh first meets the full rate (thread pools and
/// the GC's heap count adapting to it: the in-flight count rose at that moment in most runs, to 178 and 448 workflows in
/// two) out of the window as well.
/// </summary>
public sealed class ArrivalSchedule
{
    /// <summary>The warm-up's first rate, as a fraction of the target.</summary>
    public const double RampStart = 0.1;

    /// <summary>The share of the warm-up spent ramping up; the rest runs at the target rate.</summary>
    public const double RampShare = 2.0 / 3;

    private readonly double rate;
    private readonly double rampSeconds;
    private readonly long rampCount;

    public ArrivalSchedule(double rate, TimeSpan warmup, TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rate);
        this.rate = rate;
        rampSeconds = warmup.TotalSeconds * RampShare;
        // The ramp's average rate is the mean of its first and last rate.
        rampCount = (long)(rate * (1 + RampStart) / 2 * rampSeconds);
        WarmupCount = rampCount + (long)(rate * (warmup.TotalSeconds - rampSeconds));
        Total = WarmupCount + (long)(rate * duration.TotalSeconds);
    }

    /// <summary>Workflows started during the warm-up (not measured).</summary>
    public long WarmupCount { get; }

    public long Total { get; }

    /// <summary>When workflow <paramref name="index"/> is due, from the start of the run.</summary>
    public TimeSpan Offset(long index)
    {
        if (index >= rampCount)
            return TimeSpan.FromSeconds(rampSeconds + (index - rampCount) / rate);
        // During the ramp the rate is r(t) = r0 + (r1 - r0) t / R, so the count started by t is
        // n(t) = r0 t + (r1 - r0) t² / 2R; workflow i is due at the t where n(t) = i (the positive root).
        var r0 = rate * RampStart;
        var a = (rate - r0) / (2 * rampSeconds);
        return TimeSpan.FromSeconds((-r0 + Math.Sqrt(r0 * r0 + 4 * a * index)) / (2 * a));
    }
}

namespace TalentMesh.ServiceDefaults.Resilience;

/// <summary>
/// The clock of the "redis" pipeline: <paramref name="inner"/>'s, except that its timers do not count time in which
/// this process did not run (<see cref="StallTolerantTimer"/>). A timeout measures how long Redis takes to answer; when
/// the host paused the VM, the process was stopped or a long garbage collection held every thread, the reply may sit
/// unread in the socket while the timer runs out, and the call failed although Redis had answered. After the whole mesh
/// was stopped for 2 s (the load program's freeze drill) 6–711 calls a run answered UNAVAILABLE, "the data store did
/// not answer in time" (docs/benchmarks.md, "Session 29"). Everything but the timers is <paramref name="inner"/>'s, so
/// a test's fake clock still moves the circuit breaker's windows.
/// </summary>
/// <param name="inner">The service's clock.</param>
/// <param name="stalledSoFar">The time this process has not run, in all (<see cref="ProcessStalls.StalledSoFar"/>).</param>
public sealed class StallTolerantTimeProvider(TimeProvider inner, Func<TimeSpan> stalledSoFar) : TimeProvider
{
    /// <summary>
    /// How often one timer is armed again before it fires all the same: a process that keeps stalling still ends its
    /// waits, after at most this many stalls.
    /// </summary>
    public const int MaxExtensions = 3;

    /// <summary>
    /// The service's clock with the process's own stall meter. The meter measures real time: on a test's fake clock,
    /// which moves only when the test moves it, no stall is counted.
    /// </summary>
    public StallTolerantTimeProvider(TimeProvider inner)
        : this(inner, inner == System ? ProcessStalls.Shared.StalledSoFar : static () => TimeSpan.Zero)
    {
    }

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new StallTolerantTimer(inner, stalledSoFar, callback, state, dueTime, period);
}

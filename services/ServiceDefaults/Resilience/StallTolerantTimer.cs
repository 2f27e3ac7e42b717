namespace TalentMesh.ServiceDefaults.Resilience;

/// <summary>
/// A one-shot timer that fires when due, unless it fires more than <c>tolerance</c> late: then it is armed again for
/// its whole time instead. A timer fires that late only when this process did not run, or ran nothing of its own for
/// that long (a paused host or process, a long collection, a throttled CPU quota, a thread pool with no thread free):
/// what it was timing may have finished meanwhile, unseen, and deserves its time while the process runs. A timer that
/// fires on time — Redis itself silent while this process runs — is never held back, and a process that keeps stalling
/// still ends its waits after <see cref="StallTolerantTimeProvider.MaxExtensions"/>. Periodic timers fire as they come.
/// </summary>
internal sealed class StallTolerantTimer : ITimer
{
    private readonly Lock gate = new();
    private readonly TimeProvider clock;
    private readonly TimeSpan tolerance;
    private readonly TimerCallback callback;
    private readonly object? state;
    private readonly ITimer timer;
    private TimeSpan due;
    private bool periodic;
    private long armedAt;
    private int extensions;

    public StallTolerantTimer(TimeProvider clock, TimeSpan tolerance, TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        this.clock = clock;
        this.tolerance = tolerance;
        this.callback = callback;
        this.state = state;
        timer = clock.CreateTimer(static self => ((StallTolerantTimer)self!).Elapsed(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Change(dueTime, period);
    }

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        lock (gate)
        {
            due = dueTime;
            periodic = period != Timeout.InfiniteTimeSpan;
            armedAt = clock.GetTimestamp();
            extensions = 0;
            return timer.Change(dueTime, period);
        }
    }

    private void Elapsed()
    {
        lock (gate)
        {
            if (!periodic && extensions < StallTolerantTimeProvider.MaxExtensions && clock.GetElapsedTime(armedAt) - due > tolerance)
            {
                extensions++;
                armedAt = clock.GetTimestamp();
                timer.Change(due, Timeout.InfiniteTimeSpan);
                return;
            }
        }
        callback(state);
    }

    public void Dispose() => timer.Dispose();

    public ValueTask DisposeAsync() => timer.DisposeAsync();
}

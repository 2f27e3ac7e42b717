namespace TalentMesh.ServiceDefaults.Resilience;

/// <summary>
/// A one-shot timer that fires once this process has run for its due time: when it comes due, the time the process
/// stalled meanwhile (a paused host or process, a blocking collection, a spent CPU quota) is owed to it, and it is armed
/// again for what it is owed. What it was timing may have finished during the stall, unseen, and deserves its time
/// while the process runs. A timer with no stall in its life fires as any timer — Redis itself silent while this
/// process runs still times out when due — and a process that keeps stalling still ends its waits after
/// <see cref="StallTolerantTimeProvider.MaxExtensions"/>. Periodic timers fire as they come.
/// </summary>
internal sealed class StallTolerantTimer : ITimer
{
    private readonly Lock gate = new();
    private readonly TimeProvider clock;
    private readonly Func<TimeSpan> stalledSoFar;
    private readonly TimerCallback callback;
    private readonly object? state;
    private readonly ITimer timer;
    private TimeSpan due;
    private bool periodic;
    private long armedAt;
    private TimeSpan stalledAtArming;
    private int extensions;

    public StallTolerantTimer(TimeProvider clock, Func<TimeSpan> stalledSoFar, TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        this.clock = clock;
        this.stalledSoFar = stalledSoFar;
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
            stalledAtArming = stalledSoFar();
            extensions = 0;
            return timer.Change(dueTime, period);
        }
    }

    private void Elapsed()
    {
        lock (gate)
        {
            // Counted from the arming, so that a second stall while armed again is owed as well.
            var ran = clock.GetElapsedTime(armedAt) - (stalledSoFar() - stalledAtArming);
            var owed = due - ran;
            if (!periodic && extensions < StallTolerantTimeProvider.MaxExtensions && owed > TimeSpan.FromMilliseconds(1))
            {
                extensions++;
                timer.Change(owed, Timeout.InfiniteTimeSpan);
                return;
            }
        }
        callback(state);
    }

    public void Dispose() => timer.Dispose();

    public ValueTask DisposeAsync() => timer.DisposeAsync();
}

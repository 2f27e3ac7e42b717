using System.Diagnostics;

namespace TalentMesh.ServiceDefaults.Resilience;

/// <summary>
/// How long this process has not run, in all since the meter's first use, as one thread of its own sees it: the thread
/// sleeps a <see cref="Tick"/> at a time, and a sleep that ends more than <see cref="Gap"/> late was a stretch in which
/// the process ran nothing — a paused VM or live migration, SIGSTOP, a blocking collection, a spent CPU quota. A busy
/// host wakes a sleeping thread late by tens of milliseconds (the load program's hiccup meter: 84–171 ms at most in runs
/// at 300 workflows/s); those are not counted. One thread per process, ~20 wake-ups a second.
/// </summary>
public sealed class ProcessStalls
{
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(50);

    /// <summary>How late a sleep must end for the whole of its lateness to count as a stall.</summary>
    public static readonly TimeSpan Gap = TimeSpan.FromMilliseconds(200);

    private static readonly Lazy<ProcessStalls> Meter = new(() => new ProcessStalls());

    // In Stopwatch ticks, once: StalledSoFar runs at every arming of a pipeline timer.
    private static readonly long TickTimestamps = (long)(Tick.TotalSeconds * Stopwatch.Frequency);
    private static readonly long GapTimestamps = (long)(Gap.TotalSeconds * Stopwatch.Frequency);

    private readonly Lock gate = new();
    private long stalled;
    private long lastWake = Stopwatch.GetTimestamp();

    private ProcessStalls()
    {
        var thread = new Thread(Watch) { IsBackground = true, Name = "Process stall meter" };
        thread.Start();
    }

    /// <summary>The process's meter, started at its first use.</summary>
    public static ProcessStalls Shared => Meter.Value;

    /// <summary>
    /// The stalled time so far, including a stall the meter's thread has not woken to count yet (it resumes with the rest
    /// of the process, in no particular order).
    /// </summary>
    public TimeSpan StalledSoFar()
    {
        lock (gate)
            return Stopwatch.GetElapsedTime(0, stalled + Counted(Stopwatch.GetTimestamp() - lastWake));
    }

    private void Watch()
    {
        while (true)
        {
            Thread.Sleep(Tick);
            lock (gate)
            {
                var now = Stopwatch.GetTimestamp();
                stalled += Counted(now - lastWake);
                lastWake = now;
            }
        }
    }

    /// <summary>What of a sleep of <paramref name="slept"/> timestamp ticks counts as stalled.</summary>
    private static long Counted(long slept)
    {
        var late = slept - TickTimestamps;
        return late > GapTimestamps ? late : 0;
    }
}

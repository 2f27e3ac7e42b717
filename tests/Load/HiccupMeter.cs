using System.Diagnostics;

namespace TalentMesh.Load;

/// <summary>
/// The machine's hiccups, measured as jHiccup does: a thread of its own sleeps 1 ms again and again and records how much
/// later than asked it woke (<see cref="HiccupLog"/>). It does no work for the mesh, so its lateness is what the machine
/// imposed on any thread at that moment: the scheduler's wait for a core the mesh keeps busy (a few ms at ~95 % CPU), a
/// GC pause of this program itself, or — one long hiccup — a VM whose host held its vCPUs back, a steal the guest's
/// counters do not show here. A run that misses its p99 with a hiccup as long as its stall points at the machine.
/// </summary>
public sealed class HiccupMeter : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(1);

    private readonly Thread thread;
    private readonly long pauseBefore = GC.GetTotalPauseDuration().Ticks;
    private volatile bool stopping;

    public HiccupMeter()
    {
        thread = new Thread(Measure) { IsBackground = true, Name = "hiccup meter" };
        thread.Start();
    }

    public HiccupLog Log { get; } = new();

    /// <summary>How long this program's own GCs paused it (and so the meter) since the meter started.</summary>
    public TimeSpan OwnGcPauses => TimeSpan.FromTicks(GC.GetTotalPauseDuration().Ticks - pauseBefore);

    private void Measure()
    {
        while (!stopping)
        {
            var before = Stopwatch.GetTimestamp();
            Thread.Sleep(Interval);
            var after = Stopwatch.GetTimestamp();
            Log.Record(Stopwatch.GetElapsedTime(before, after) - Interval, after);
        }
    }

    /// <summary>Ends the measurement (before the log is read for the report); Dispose does the same.</summary>
    public void Stop()
    {
        stopping = true;
        thread.Join();
    }

    public void Dispose() => Stop();
}

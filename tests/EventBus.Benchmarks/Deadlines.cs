using System.Diagnostics;

namespace TalentMesh.EventBus.Benchmarks;

public static class Deadlines
{
    /// <summary>What is left of <paramref name="deadline"/> counted from <paramref name="start"/>; zero, not negative, once it passed.</summary>
    public static TimeSpan Remaining(TimeSpan deadline, long start) =>
        deadline - Stopwatch.GetElapsedTime(start) is { Ticks: > 0 } left ? left : TimeSpan.Zero;
}

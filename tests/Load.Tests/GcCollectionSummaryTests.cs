namespace TalentMesh.Load.Tests;

public sealed class GcCollectionSummaryTests
{
    private static readonly DateTime WindowStart = new(2026, 12, 5, 22, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime WindowEnd = WindowStart.AddSeconds(60);

    private static GcCollection At(double seconds, int generation, int heaps, double pauseMs, double survivedMb, double suspendMs = 0.5) =>
        new(WindowStart.AddSeconds(seconds), generation, heaps, pauseMs, suspendMs, survivedMb);

    [Fact]
    public void Groups_CountOnlyTheWindow_ByGenerationAndHeapCount()
    {
        var summary = GcCollectionSummary.Of("registration", [
            At(-3, 0, 1, 90, 9), // warm-up: not in the groups
            At(1, 0, 1, 4, 0.5, suspendMs: 1),
            At(2, 1, 1, 6, 0.7),
            At(3, 0, 1, 8, 1.5, suspendMs: 3),
            At(40, 1, 2, 10, 2, suspendMs: 7),
            At(61, 0, 2, 50, 5), // after the window
        ], WindowStart, WindowEnd);

        Assert.Equal([
            new GcCollectionGroup(0, 1, 2, 6, 8, 2, 1.0),
            new GcCollectionGroup(1, 1, 1, 6, 6, 0.5, 0.7),
            new GcCollectionGroup(1, 2, 1, 10, 10, 7, 2),
        ], summary.Groups);
    }

    [Fact]
    public void HeapCounts_ListEveryChangeOfTheRun_InSecondsFromTheWindowsStart()
    {
        var summary = GcCollectionSummary.Of("redemption", [
            At(-10, 0, 1, 3, 0.3),
            At(-5, 0, 2, 3, 0.3),
            At(12, 0, 2, 3, 0.3),
            At(33, 1, 1, 3, 0.3),
            At(34, 0, 1, 3, 0.3),
        ], WindowStart, WindowEnd);

        Assert.Equal([new HeapCountChange(-10, 1), new HeapCountChange(-5, 2), new HeapCountChange(33, 1)], summary.HeapCounts);
    }

    [Fact]
    public void Gen2At_ListsEveryFullCollectionOfTheRun_InSecondsFromTheWindowsStart()
    {
        var summary = GcCollectionSummary.Of("registration", [
            At(-8, 2, 1, 20, 1), // in the warm-up: a spell at the window's start may follow it
            At(-7, 1, 1, 5, 1),
            At(12.5, 2, 1, 25, 1),
            At(70, 2, 1, 25, 1), // after the window: still the run's
        ], WindowStart, WindowEnd);

        Assert.Equal([-8, 12.5, 70], summary.Gen2AtSeconds);
    }

    [Fact]
    public void MostPaused_IsTheFiveSecondsWithTheLongestPauseTotal()
    {
        var summary = GcCollectionSummary.Of("registration", [
            At(1, 0, 1, 30, 1), // one long pause: 30 ms in 0–5 s
            At(31, 1, 1, 12, 4, suspendMs: 9),
            At(32, 1, 1, 14, 6, suspendMs: 2),
            At(34.9, 0, 1, 10, 8, suspendMs: 1), // 36 ms in 30–35 s, 12 of them stopping the threads
            At(35, 0, 1, 5, 0.5),
        ], WindowStart, WindowEnd);

        Assert.Equal(new PausedStretch(30, 35, 3, 36, 12, 6), summary.MostPaused);
    }

    [Fact]
    public void NoCollections_NoGroupsAndNoStretch()
    {
        var summary = GcCollectionSummary.Of("evaluation", [], WindowStart, WindowEnd);

        Assert.Empty(summary.Groups);
        Assert.Empty(summary.HeapCounts);
        Assert.Empty(summary.Gen2AtSeconds);
        Assert.Null(summary.MostPaused);
    }
}

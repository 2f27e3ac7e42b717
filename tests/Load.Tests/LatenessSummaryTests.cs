namespace TalentMesh.Load.Tests;

public sealed class LatenessSummaryTests
{
    // A clock of 1,000 ticks a second keeps the timestamps readable: tick 12_400 after the window's start is 12.4 s.
    private const long Frequency = 1_000;
    private const long WindowStart = 100_000;
    private static readonly long WindowEnd = WindowStart + 20 * Frequency;
    private static readonly TimeSpan Goal = TimeSpan.FromMilliseconds(250);

    /// <summary>A workflow verified <paramref name="second"/> s into the window and visible <paramref name="latencyMs"/> later.</summary>
    private static (long, long) At(double second, long latencyMs) => (WindowStart + (long)(second * Frequency), WindowStart + (long)(second * Frequency) + latencyMs);

    /// <summary><paramref name="count"/> workflows in the given second, <paramref name="late"/> of them at the goal or over it.</summary>
    private static IEnumerable<(long, long)> Second(int second, int count, int late) =>
        Enumerable.Range(0, count).Select(i => At(second + i / (double)count, i < late ? 250 : 249));

    /// <summary>20 s of 100 workflows a second, with <paramref name="late"/> of them late in the given second.</summary>
    private static List<(long, long)> Window(Func<int, int> late) =>
        Enumerable.Range(0, 20).SelectMany(second => Second(second, 100, late(second))).ToList();

    private static Disturbance Neighbour(double from, double to) =>
        new("a neighbour", WindowStart + (long)(from * Frequency), WindowStart + (long)(to * Frequency));

    [Fact]
    public void Late_AreCountedByTheSecondTheyWereVerified_TheLastOnesJustAfterTheWindow()
    {
        var workflows = Window(second => second switch { 3 => 1, 7 => 30, 8 => 2, _ => 0 })
            .Append(At(21.5, 900)) // the last workflows are verified after the window's last start
            .ToList();

        var summary = LatenessSummary.Of(workflows, WindowStart, WindowEnd, Frequency, Goal, disturbance: null);

        Assert.Equal(2_001, summary.Count);
        Assert.Equal(34, summary.Late);
        Assert.Equal(20, summary.Allowed);
        Assert.Equal([1, 32, 0, 0, 1], summary.LatePerSpan);
        Assert.Equal([7, 8, 21], summary.LateSeconds); // 1 in 100 is not more than 1 %
        Assert.Null(summary.BackWithin);
    }

    [Fact]
    public void BackWithin_IsTheFirstSettledSecondAfterTheDisturbance_AndALaterSpellDoesNotMoveIt()
    {
        var workflows = Window(second => second switch
        {
            2 => 50, // before the disturbance: not its doing
            >= 6 and <= 9 => 40,
            11 => 5, // after it stopped, within the settled seconds' reach: still its doing
            18 => 60, // a spell of its own, later
            _ => 0,
        });

        var summary = LatenessSummary.Of(workflows, WindowStart, WindowEnd, Frequency, Goal, Neighbour(5.5, 9.5));

        Assert.Equal(12, summary.BackWithin);
        Assert.Equal(TimeSpan.FromSeconds(2.5), summary.Recovery);
        Assert.Equal([2, 6, 7, 8, 9, 11, 18], summary.LateSeconds);
    }

    [Fact]
    public void LateSecondsWhileItRan_CountAgainstIt_NoneMeansAbsorbed()
    {
        var lateWhileRunning = Window(second => second == 8 ? 5 : 0);
        var late = LatenessSummary.Of(lateWhileRunning, WindowStart, WindowEnd, Frequency, Goal, Neighbour(5, 12.5));
        Assert.Equal(13, late.BackWithin); // the first whole second after it stopped
        Assert.Equal(TimeSpan.FromSeconds(0.5), late.Recovery);
        Assert.False(late.Absorbed);

        var absorbed = LatenessSummary.Of(Window(second => second == 6 ? 1 : 0), WindowStart, WindowEnd, Frequency, Goal, Neighbour(5, 9));
        Assert.True(absorbed.Absorbed);
        Assert.Null(absorbed.BackWithin);
        Assert.Null(absorbed.Recovery);
        Assert.Equal(1, absorbed.Late);
        Assert.Empty(absorbed.LateSeconds);
    }

    [Fact]
    public void AMeshStillLateAtTheWindowsEnd_IsNeitherBackNorAbsorbed()
    {
        var summary = LatenessSummary.Of(Window(second => second >= 6 && second != 17 ? 40 : 0), WindowStart, WindowEnd, Frequency, Goal, Neighbour(5, 9));

        Assert.False(summary.Absorbed);
        Assert.Null(summary.BackWithin);
        Assert.Null(summary.Recovery);
    }
}

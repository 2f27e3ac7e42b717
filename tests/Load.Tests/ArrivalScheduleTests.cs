namespace TalentMesh.Load.Tests;

public sealed class ArrivalScheduleTests
{
    private static readonly ArrivalSchedule Schedule = new(rate: 300, warmup: TimeSpan.FromSeconds(30), duration: TimeSpan.FromSeconds(60));

    [Fact]
    public void Warmup_RampsOverTwoThirds_ThenHoldsTheRate_BeforeTheWindow()
    {
        // 20 s ramping 30 → 300/s (3,300 workflows), then 10 s at 300/s (3,000): the window starts at 30 s.
        Assert.Equal(6_300, Schedule.WarmupCount);
        Assert.Equal(6_300 + 18_000, Schedule.Total);
        Assert.Equal(30.0, Schedule.Offset(Schedule.WarmupCount).TotalSeconds, precision: 6);
        Assert.Equal(20.0, Schedule.Offset(3_300).TotalSeconds, precision: 6);
        // During the hold and the window workflows are due 1/300 s apart (to the tick).
        Assert.Equal(1.0 / 300, (Schedule.Offset(4_000) - Schedule.Offset(3_999)).TotalSeconds, precision: 6);
        Assert.Equal(1.0 / 300, (Schedule.Offset(10_000) - Schedule.Offset(9_999)).TotalSeconds, precision: 6);
    }

    [Fact]
    public void Ramp_StartsAtATenthOfTheRate_AndIsDueInOrder()
    {
        // The first workflows are due about 1/30 s apart (10 % of 300/s), and no workflow is due before the one before it.
        Assert.Equal(1.0 / 30, (Schedule.Offset(2) - Schedule.Offset(1)).TotalSeconds, precision: 3);
        for (long i = 1; i < Schedule.Total; i += 97)
            Assert.True(Schedule.Offset(i) >= Schedule.Offset(i - 1), $"workflow {i} is due before workflow {i - 1}");
    }

    [Fact]
    public void NoWarmup_StartsTheWindowAtOnce()
    {
        var schedule = new ArrivalSchedule(rate: 100, warmup: TimeSpan.Zero, duration: TimeSpan.FromSeconds(10));
        Assert.Equal(0, schedule.WarmupCount);
        Assert.Equal(1_000, schedule.Total);
        Assert.Equal(TimeSpan.Zero, schedule.Offset(0));
        Assert.Equal(0.5, schedule.Offset(50).TotalSeconds, precision: 6);
    }
}

namespace TalentMesh.Load.Tests;

public sealed class HiccupLogTests
{
    private static TimeSpan Ms(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    [Fact]
    public void LongHiccups_AreListedWithWhenTheyHappened_ShortOnesOnlyCounted()
    {
        var log = new HiccupLog();
        for (var i = 0; i < 1_000; i++)
            log.Record(Ms(0.1), i);
        log.Record(Ms(180), 1_000);
        log.Record(Ms(49.9), 1_200);
        log.Record(Ms(50), 1_300);

        Assert.Equal(1_003, log.Count);
        Assert.Equal([(1_000L, Ms(180)), (1_300L, Ms(50))], log.LongOnes);
        Assert.Equal(180, log.MaxMs, precision: 0);
        Assert.Equal(0.1, log.PercentileMs(50), precision: 2);
    }

    [Fact]
    public void IntervalMax_IsTheLongestSinceTheLastTake_ThenStartsAgain()
    {
        var log = new HiccupLog();
        log.Record(Ms(3), 1);
        log.Record(Ms(12), 2);
        log.Record(Ms(5), 3);
        Assert.Equal(Ms(12), log.TakeIntervalMax());

        log.Record(Ms(2), 4);
        Assert.Equal(Ms(2), log.TakeIntervalMax());
        Assert.Equal(TimeSpan.Zero, log.TakeIntervalMax());
        // The run's maximum is kept.
        Assert.Equal(12, log.MaxMs, precision: 0);
    }

    [Fact]
    public void EarlyWakeUp_CountsAsNoHiccup()
    {
        var log = new HiccupLog();
        log.Record(Ms(-0.2), 1);
        Assert.Equal(TimeSpan.Zero, log.TakeIntervalMax());
        Assert.Empty(log.LongOnes);
    }
}

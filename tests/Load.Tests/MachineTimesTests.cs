using System.Diagnostics;

namespace TalentMesh.Load.Tests;

public sealed class MachineTimesTests
{
    /// <summary>A Stopwatch timestamp <paramref name="seconds"/> after zero.</summary>
    private static long At(double seconds) => (long)(seconds * Stopwatch.Frequency);

    [Fact]
    public void Parse_CountsIowaitAsIdle_AndIrqAndStealAsBusy()
    {
        var times = MachineTimes.Parse("cpu  1000 20 300 5000 40 6 7 8 0 0", At(3));

        Assert.Equal(1000 + 20 + 300 + 6 + 7 + 8, times.Busy);
        Assert.Equal(5000 + 40, times.Idle);
        Assert.Equal(At(3), times.Timestamp);
    }

    [Fact]
    public void Parse_RefusesAPerCoreLine()
    {
        Assert.Throws<FormatException>(() => MachineTimes.Parse("cpu0 1000 20 300 5000 40 6 7 8 0 0", 0));
    }

    [Fact]
    public void IdlePercentSince_IsTheIdleShareOfTheCountedTime()
    {
        var earlier = new MachineTimes(Busy: 10_000, Idle: 4_000, At(0));
        var later = new MachineTimes(Busy: 10_150, Idle: 4_050, At(1));

        Assert.Equal(25.0, later.IdlePercentSince(earlier), 6);
        Assert.Equal(0.0, earlier.IdlePercentSince(earlier));
    }

    [Fact]
    public void UncountedPercentSince_IsTheCoresWallTimeCountedNeitherBusyNorIdle()
    {
        var earlier = new MachineTimes(Busy: 10_000, Idle: 4_000, At(0));

        // 2 cores for 5 s are 1,000 ticks; 800 were counted.
        Assert.Equal(20.0, new MachineTimes(10_700, 4_100, At(5)).UncountedPercentSince(earlier, cores: 2), 6);
        // Every tick counted (and one more, rounding): nothing uncounted.
        Assert.Equal(0.0, new MachineTimes(10_900, 4_101, At(5)).UncountedPercentSince(earlier, cores: 2));
    }

    [Fact]
    public void Read_ThisMachine_CountsTheTimeOfAShortSpell()
    {
        var earlier = ProcFs.Machine();
        var spinUntil = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 5;
        while (Stopwatch.GetTimestamp() < spinUntil)
        {
        }
        var later = ProcFs.Machine();

        Assert.True(later.Busy > earlier.Busy, "200 ms of spinning counted no busy tick");
        Assert.InRange(later.IdlePercentSince(earlier), 0, 100);
    }
}

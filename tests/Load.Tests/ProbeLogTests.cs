using System.Diagnostics;

namespace TalentMesh.Load.Tests;

public sealed class ProbeLogTests
{
    private static readonly long Start = 1_000 * Stopwatch.Frequency;

    private static long At(double spells) => Start + (long)(spells * ProbeLog.Spell.TotalSeconds * Stopwatch.Frequency);

    private static TimeSpan Ms(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    [Fact]
    public void EachSpellCountsByItsFastestRun_TheTypicalIsTheirMedian_TheSlowestTheirMaximum()
    {
        var log = new ProbeLog();
        // Spell 0: one run waited for a core (9 ms), the fastest took 2.0 ms.
        log.Record(At(0.1), Ms(9.0));
        log.Record(At(0.5), Ms(2.0));
        // Spell 1: the machine was slower all through it.
        log.Record(At(1.2), Ms(2.6));
        log.Record(At(1.7), Ms(3.1));
        // Spell 2.
        log.Record(At(2.3), Ms(2.1));

        var speed = log.Between(At(0), At(3));

        Assert.Equal(new ProbeSpeed(Typical: Ms(2.1), Slowest: Ms(2.6)), speed);
    }

    [Fact]
    public void Between_CountsOnlyRunsThatEndedInTheSpan()
    {
        var log = new ProbeLog();
        log.Record(At(0.5), Ms(1.0));
        log.Record(At(2.5), Ms(2.0));
        log.Record(At(4.5), Ms(3.0));

        Assert.Equal(new ProbeSpeed(Ms(2.0), Ms(2.0)), log.Between(At(1), At(4)));
        Assert.Null(log.Between(At(5), At(6)));
    }

    [Fact]
    public async Task TheMeter_TimesItsLoopAndItsMemoryChainOnThisMachine()
    {
        using var meter = new MachineSpeedMeter();
        var start = Stopwatch.GetTimestamp();
        var deadline = start + 30 * Stopwatch.Frequency;
        ProbeSpeed? speed;
        // Polled, since how soon the first run ends is up to the machine.
        while ((speed = meter.Log.Between(start, Stopwatch.GetTimestamp())) is null && Stopwatch.GetTimestamp() < deadline)
            await Task.Delay(50, TestContext.Current.CancellationToken);
        meter.Stop();

        Assert.NotNull(speed);
        // A million dependent steps cannot take under ~0.2 ms on any core (5 GHz, one step a cycle), nor 100 ms on a working one.
        Assert.InRange(speed.Typical.TotalMilliseconds, 0.2, 100);
        // The chain runs right after each loop run, so the loop's run was followed by one (Stop waited for it): thousands
        // of dependent loads take more than ~1 ns each and, on a working machine, well under 25 µs each.
        var memory = meter.MemoryLog.Between(start, Stopwatch.GetTimestamp());
        Assert.NotNull(memory);
        Assert.InRange(MemoryChase.NanosecondsPerLoad(memory.Typical), 1, 25_000);
    }
}

namespace TalentMesh.Load.Tests;

public sealed class CoreShareTests
{
    private static TimeSpan Ms(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    [Fact]
    public void CoresAsFastTogetherAsAlone_AreTheGuestsOwn()
    {
        var share = new CoreShare(Ms(1.90), [Ms(1.91), Ms(1.93)]);

        Assert.Equal(1.93 / 1.90, share.Ratio, 6);
        Assert.False(share.Shared);
    }

    [Fact]
    public void TheSlowestCoreDecides_AndHyperthreadsOfOneCoreAreShared()
    {
        var share = new CoreShare(Ms(1.90), [Ms(1.92), Ms(3.10)]);

        Assert.Equal(3.10 / 1.90, share.Ratio, 6);
        Assert.True(share.Shared);
    }

    [Fact]
    public void Probe_TimesTheLoopAloneAndOnEveryCore()
    {
        var share = CoreShareProbe.Measure();

        Assert.Equal(Environment.ProcessorCount, share.Together.Count);
        Assert.InRange(share.Alone, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(1));
        Assert.All(share.Together, took => Assert.InRange(took, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(1)));
    }
}

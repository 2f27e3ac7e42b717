namespace TalentMesh.Load.Tests;

public sealed class MemoryChaseTests
{
    [Fact]
    public void SingleCycle_VisitsEveryIndexOnce_BeforeComingBack()
    {
        const int length = 10_007;
        var next = MemoryChase.SingleCycle(length, new Random(7));

        var seen = new bool[length];
        var at = 0;
        for (var step = 0; step < length; step++)
        {
            Assert.False(seen[at], $"index {at} came round again after {step} steps");
            seen[at] = true;
            at = next[at];
        }
        Assert.Equal(0, at);
        Assert.All(seen, Assert.True);
    }

    [Fact]
    public void SingleCycle_IsShuffled_NotTheNextIndex()
    {
        var next = MemoryChase.SingleCycle(10_007, new Random(7));

        // A chain of neighbours would stay within cache lines and pages the machine had just fetched.
        Assert.True(next.Select((to, from) => Math.Abs(to - from) <= 16).Count(near => near) < 100);
    }
}

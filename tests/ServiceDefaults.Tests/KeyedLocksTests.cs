using TalentMesh.ServiceDefaults.Concurrency;

namespace TalentMesh.ServiceDefaults.Tests;

public sealed class KeyedLocksTests
{
    [Fact]
    public async Task OneKey_SecondWaitsForTheFirst_OtherKeysDoNot_AndNothingIsLeftBehind()
    {
        var locks = new TestLocks();
        var cancellation = TestContext.Current.CancellationToken;
        var first = await locks.AcquireAsync("t1", cancellation);

        var second = locks.AcquireAsync("t1", cancellation);
        var other = await locks.AcquireAsync("t2", cancellation).WaitAsync(TimeSpan.FromSeconds(10), cancellation);
        Assert.False(second.IsCompleted);

        first.Dispose();
        var secondLease = await second.WaitAsync(TimeSpan.FromSeconds(10), cancellation);
        secondLease.Dispose();
        other.Dispose();
        // A lock per talent that ever had an event would grow without bound: released locks are removed.
        Assert.Equal(0, locks.Count);
    }

    [Fact]
    public async Task Cancelled_WhileWaiting_LeavesTheLockUsable()
    {
        var locks = new TestLocks();
        var held = await locks.AcquireAsync("t1", TestContext.Current.CancellationToken);
        using var cancel = new CancellationTokenSource();
        var waiting = locks.AcquireAsync("t1", cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        held.Dispose();
        Assert.Equal(0, locks.Count);
        using var again = await locks.AcquireAsync("t1", TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(1, locks.Count);
    }

    private sealed class TestLocks : KeyedLocks;
}

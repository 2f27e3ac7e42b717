using Microsoft.Extensions.Time.Testing;
using TalentMesh.ServiceDefaults.Concurrency;

namespace TalentMesh.ServiceDefaults.Tests;

/// <summary>
/// The watchers' safety poll: a watcher nobody wakes reads again after <see cref="WatchSignal.SafetyPoll"/>, and
/// later once so many watches are open that polling each every 5 s would pass the process's budget of reads.
/// </summary>
public sealed class WatchSignalTests
{
    private static readonly Task NeverWoken = new TaskCompletionSource().Task;

    private readonly FakeTimeProvider clock = new();
    private readonly WatchSignal signal = new();

    [Fact]
    public async Task FewWatches_AWatcherNobodyWakes_ReadsAgainAfterTheSafetyPoll()
    {
        using var watch = signal.Open("t-1");
        var waiting = signal.WaitAsync(NeverWoken, clock, TestContext.Current.CancellationToken);

        clock.Advance(WatchSignal.SafetyPoll - TimeSpan.FromMilliseconds(1));
        Assert.False(waiting.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ManyWatches_StretchTheSafetyPoll_SoTogetherTheyReadWithinTheBudget()
    {
        // Ten seconds' worth of the budget, two watches a talent (each reads at its poll): polled every 5 s they
        // would read twice the budget a second.
        var stretched = TimeSpan.FromSeconds(10);
        var leases = Enumerable.Range(0, WatchSignal.SafetyPollsPerSecond * 10).Select(i => signal.Open($"t-{i / 2}")).ToList();
        try
        {
            Assert.Equal(stretched, signal.SafetyPollInterval);
            var waiting = signal.WaitAsync(NeverWoken, clock, TestContext.Current.CancellationToken);

            clock.Advance(stretched - TimeSpan.FromMilliseconds(1));
            Assert.False(waiting.IsCompleted);
            clock.Advance(TimeSpan.FromMilliseconds(1));
            Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        }
        finally
        {
            leases.ForEach(lease => lease.Dispose());
        }

        // The watches ended: the poll is back to its floor.
        Assert.Equal(WatchSignal.SafetyPoll, signal.SafetyPollInterval);
    }

    [Fact]
    public async Task AWakeUp_EndsTheWaitAtOnce_WithoutTheClockMoving()
    {
        using var watch = signal.Open("t-1");
        var waiting = signal.WaitAsync(watch.Value.Next(), clock, TestContext.Current.CancellationToken);

        signal.Wake("t-1");

        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task TheWatcherLeaving_EndsTheWait_WithFalse()
    {
        using var watch = signal.Open("t-1");
        using var left = new CancellationTokenSource();
        var waiting = signal.WaitAsync(NeverWoken, clock, left.Token);

        await left.CancelAsync();

        Assert.False(await waiting.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
    }
}

using Microsoft.Extensions.Time.Testing;
using TalentMesh.ServiceDefaults.Concurrency;

namespace TalentMesh.ServiceDefaults.Tests;

/// <summary>
/// A watcher's wait: it ends at a wake-up, at the safety poll (<see cref="WatchSignal.SafetyPoll"/>, on the service's
/// clock) when nobody wakes it, and with false once the watcher has left. The services' watch tests never move their
/// clock, so this is where the poll itself is tested.
/// </summary>
public sealed class WatchSignalTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly Task NeverWoken = new TaskCompletionSource().Task;

    private readonly FakeTimeProvider clock = new();
    private readonly WatchSignal signal = new();

    [Fact]
    public async Task AWatcherNobodyWakes_ReadsAgainAfterTheSafetyPoll()
    {
        var waiting = WatchSignal.WaitAsync(NeverWoken, clock, TestContext.Current.CancellationToken);

        clock.Advance(WatchSignal.SafetyPoll - TimeSpan.FromMilliseconds(1));
        Assert.False(waiting.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(await waiting.WaitAsync(Wait, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AWakeUp_EndsTheWaitAtOnce_WithoutTheClockMoving()
    {
        using var watch = signal.Open("t-1");
        var waiting = WatchSignal.WaitAsync(watch.Value.Next(), clock, TestContext.Current.CancellationToken);

        signal.Wake("t-1");

        Assert.True(await waiting.WaitAsync(Wait, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task TheWatcherLeaving_EndsTheWait_WithFalse()
    {
        using var left = new CancellationTokenSource();
        var waiting = WatchSignal.WaitAsync(NeverWoken, clock, left.Token);

        await left.CancelAsync();

        Assert.False(await waiting.WaitAsync(Wait, TestContext.Current.CancellationToken));
    }
}

using Microsoft.Extensions.Time.Testing;
using Polly.Timeout;
using TalentMesh.ServiceDefaults.Resilience;

namespace TalentMesh.ServiceDefaults.Tests;

/// <summary>
/// The "redis" pipeline's clock does not count a stall of its own process against Redis. A <see cref="FakeTimeProvider"/>
/// moved forward in one step fires a timer with the clock already past the step's end, as a process that resumes after
/// a stall sees its overdue timers: a step of 2 s over a 500 ms timer is a stall of 1.5 s.
/// </summary>
public sealed class StallTolerantTimeProviderTests
{
    private static readonly TimeSpan Tolerance = new RedisResilienceOptions().StallTolerance;
    private static readonly TimeSpan Due = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(2);

    [Fact]
    public void TimerFiringOnTimeOrWithinTheTolerance_Fires()
    {
        var clock = new FakeTimeProvider();
        var time = new StallTolerantTimeProvider(clock, Tolerance);
        var fired = 0;
        using var onTime = time.CreateTimer(_ => fired++, null, Due, Timeout.InfiniteTimeSpan);
        clock.Advance(Due);
        Assert.Equal(1, fired);

        using var late = time.CreateTimer(_ => fired++, null, Due, Timeout.InfiniteTimeSpan);
        clock.Advance(Due + Tolerance); // late, but no more than a busy host wakes a thread late
        Assert.Equal(2, fired);
    }

    [Fact]
    public void TimerFiringAfterAStall_IsArmedAgainForItsWholeTime_ThenFires()
    {
        var clock = new FakeTimeProvider();
        var time = new StallTolerantTimeProvider(clock, Tolerance);
        var fired = 0;
        using var timer = time.CreateTimer(_ => fired++, null, Due, Timeout.InfiniteTimeSpan);

        clock.Advance(Stall);
        Assert.Equal(0, fired);
        clock.Advance(Due - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, fired);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, fired);
    }

    [Fact]
    public void ProcessThatKeepsStalling_StillEndsItsWait()
    {
        var clock = new FakeTimeProvider();
        var time = new StallTolerantTimeProvider(clock, Tolerance);
        var fired = 0;
        using var timer = time.CreateTimer(_ => fired++, null, Due, Timeout.InfiniteTimeSpan);

        for (var stall = 0; stall < StallTolerantTimeProvider.MaxExtensions; stall++)
        {
            clock.Advance(Stall);
            Assert.Equal(0, fired);
        }
        clock.Advance(Stall);
        Assert.Equal(1, fired);
    }

    [Fact]
    public void PeriodicTimer_FiresAsItComes()
    {
        var clock = new FakeTimeProvider();
        var time = new StallTolerantTimeProvider(clock, Tolerance);
        var fired = 0;
        using var timer = time.CreateTimer(_ => fired++, null, Due, Due);
        clock.Advance(Stall);
        Assert.True(fired >= 1, "a periodic timer was held back");
    }

    [Fact]
    public void CancellationTokenSourceOnTheClock_AsPollysTimeoutsMakeIt_IsNotCancelledByAStall()
    {
        var clock = new FakeTimeProvider();
        using var timeout = new CancellationTokenSource(Due, new StallTolerantTimeProvider(clock, Tolerance));
        clock.Advance(Stall);
        Assert.False(timeout.IsCancellationRequested);
        clock.Advance(Due);
        Assert.True(timeout.IsCancellationRequested);
    }

    [Fact]
    public async Task PipelineCallWhoseReplyWaitsThroughAStall_Succeeds_WhileOneRedisLeavesUnansweredTimesOut()
    {
        var clock = new FakeTimeProvider();
        var pipeline = RedisPipeline.Create(new RedisResilienceOptions(), clock);
        var ct = TestContext.Current.CancellationToken;

        // The reply arrives in the socket during the stall and is read once the process runs again.
        var reply = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var answered = pipeline.ExecuteAsync(_ => new ValueTask<int>(reply.Task), ct).AsTask();
        clock.Advance(Stall);
        reply.SetResult(7);
        Assert.Equal(7, await answered);

        // Redis silent while the process runs: the attempt timeout fires when due.
        var silent = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var unanswered = pipeline.ExecuteAsync(_ => new ValueTask<int>(silent.Task), ct).AsTask();
        clock.Advance(new RedisResilienceOptions().AttemptTimeout);
        await Assert.ThrowsAsync<TimeoutRejectedException>(() => unanswered);
    }
}

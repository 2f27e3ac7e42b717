using Microsoft.Extensions.Time.Testing;
using Polly.Timeout;
using TalentMesh.ServiceDefaults.Resilience;

namespace TalentMesh.ServiceDefaults.Tests;

/// <summary>
/// The "redis" pipeline's clock does not count a stall of its own process against Redis. The tests move a
/// <see cref="FakeTimeProvider"/> and say how much of that time the process stalled, as <see cref="ProcessStalls"/>
/// measures it in a service; a timer moved past in one step fires with the clock at the step's end, as overdue timers
/// fire when a process resumes.
/// </summary>
public sealed class StallTolerantTimeProviderTests
{
    private static readonly TimeSpan Due = TimeSpan.FromMilliseconds(500);

    private readonly FakeTimeProvider clock = new();
    private readonly StallTolerantTimeProvider time;
    private TimeSpan stalled;

    public StallTolerantTimeProviderTests() => time = new StallTolerantTimeProvider(clock, () => stalled);

    /// <summary>The process stops for <paramref name="length"/>: the clock moves on, and the meter counts it.</summary>
    private void Stall(TimeSpan length)
    {
        stalled += length;
        clock.Advance(length);
    }

    [Fact]
    public void TimerWithNoStallInItsLife_FiresWhenDue()
    {
        var fired = 0;
        using var timer = time.CreateTimer(_ => fired++, null, Due, Timeout.InfiniteTimeSpan);
        clock.Advance(Due - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, fired);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, fired);
    }

    [Fact]
    public void StallPastTheDueTime_IsOwedToTheTimer()
    {
        var fired = 0;
        using var timer = time.CreateTimer(_ => fired++, null, Due, Timeout.InfiniteTimeSpan);
        clock.Advance(TimeSpan.FromMilliseconds(100));
        Stall(TimeSpan.FromSeconds(2)); // overdue on resume, having run 100 ms of its 500
        Assert.Equal(0, fired);
        clock.Advance(TimeSpan.FromMilliseconds(399));
        Assert.Equal(0, fired);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, fired);
    }

    [Fact]
    public void StallThatEndedBeforeTheDueTime_IsOwedToTheTimerAsWell()
    {
        // A 1 s freeze that ends just before a 1 s total timeout comes due: the timer fires on time, having let Redis
        // have a fraction of its time; it is owed the stall.
        var fired = 0;
        using var timer = time.CreateTimer(_ => fired++, null, Due, Timeout.InfiniteTimeSpan);
        clock.Advance(TimeSpan.FromMilliseconds(50));
        Stall(TimeSpan.FromMilliseconds(300));
        clock.Advance(TimeSpan.FromMilliseconds(150)); // due: 200 ms of running time so far
        Assert.Equal(0, fired);
        clock.Advance(TimeSpan.FromMilliseconds(300));
        Assert.Equal(1, fired);
    }

    [Fact]
    public void ProcessThatKeepsStalling_StillEndsItsWait()
    {
        var fired = 0;
        using var timer = time.CreateTimer(_ => fired++, null, Due, Timeout.InfiniteTimeSpan);
        for (var stall = 0; stall < StallTolerantTimeProvider.MaxExtensions; stall++)
        {
            Stall(TimeSpan.FromSeconds(2));
            Assert.Equal(0, fired);
        }
        Stall(TimeSpan.FromSeconds(2));
        Assert.Equal(1, fired);
    }

    [Fact]
    public void PeriodicTimer_FiresAsItComes()
    {
        var fired = 0;
        using var timer = time.CreateTimer(_ => fired++, null, Due, Due);
        Stall(TimeSpan.FromSeconds(2));
        Assert.True(fired >= 1, "a periodic timer was held back");
    }

    [Fact]
    public void CancellationTokenSourceOnTheClock_AsPollysTimeoutsMakeIt_IsNotCancelledByAStall()
    {
        using var timeout = new CancellationTokenSource(Due, time);
        Stall(TimeSpan.FromSeconds(2));
        Assert.False(timeout.IsCancellationRequested);
        clock.Advance(Due);
        Assert.True(timeout.IsCancellationRequested);
    }

    [Fact]
    public async Task PipelineCallWhoseReplyWaitsThroughAStall_Succeeds_WhileOneRedisLeavesUnansweredTimesOut()
    {
        var options = new RedisResilienceOptions();
        var pipeline = RedisPipeline.Create(options, time);
        var ct = TestContext.Current.CancellationToken;

        // The reply arrives in the socket during the stall and is read once the process runs again.
        var reply = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var answered = pipeline.ExecuteAsync(_ => new ValueTask<int>(reply.Task), ct).AsTask();
        Stall(TimeSpan.FromSeconds(2));
        reply.SetResult(7);
        Assert.Equal(7, await answered);

        // Redis silent while the process runs: the attempt timeout fires when due.
        var silent = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var unanswered = pipeline.ExecuteAsync(_ => new ValueTask<int>(silent.Task), ct).AsTask();
        clock.Advance(options.AttemptTimeout);
        await Assert.ThrowsAsync<TimeoutRejectedException>(() => unanswered);
    }
}

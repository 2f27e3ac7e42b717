using System.Diagnostics;
using System.Net;
using Grpc.Core;
using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;
using Polly.Timeout;
using StackExchange.Redis;
using TalentMesh.ServiceDefaults.Redis;
using TalentMesh.ServiceDefaults.Resilience;
using TalentMesh.ServiceDefaults.Security;
using TalentMesh.ServiceDefaults.Tests.Protos;
using TalentMesh.ServiceDefaults.Tests.Support;
using TalentMesh.Testing;

namespace TalentMesh.ServiceDefaults.Tests;

/// <summary>
/// Redis stalls (SIGSTOP: connections stay open, nothing answers) under a service running the shipped "redis" pipeline
/// defaults: calls answer UNAVAILABLE within about a second because the attempt timeout sits inside the circuit
/// breaker and opens it; readiness says so; after SIGCONT the same host serves again once the break is over.
/// </summary>
public sealed class RedisStallTests
{
    private static readonly RedisResilienceOptions Defaults = new();

    /// <summary>
    /// The longest a caller may wait while Redis stalls (issue 11: "quickly"): the total timeout (1 s) and room for a
    /// loaded machine. With the defaults the first calls take one attempt timeout (500 ms, not retried), later ones are
    /// refused by the open circuit at once; the pipeline before the fix answered after its 3 s total timeout.
    /// </summary>
    private static readonly TimeSpan AnswerBound = TimeSpan.FromSeconds(1.5);

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task RedisStalled_ConcurrentCallsAllAnswerUnavailableWithinTheBound_ThenServeAgainAfterTheBreak()
    {
        await using var redis = await RedisServer.StartNewAsync();
        await using var host = await TestServiceHost.StartAsync(redis.ConnectionString, TestKeys.Prefix(), ShippedResilienceDefaults);
        var token = host.Tokens.Issue("talent-1", Roles.Applicant);
        Assert.Equal(1, (await host.Probe.TouchAsync(new TouchRequest { Key = "stall" }, TestServiceHost.Call(token))).Count);

        await redis.PauseAsync();
        var answers = new List<(TimeSpan Took, StatusCode Status, string Detail)>();
        var readiness = new List<(TimeSpan Took, HttpStatusCode? Status)>();
        try
        {
            // Four waves of 16 concurrent calls, each with a readiness probe beside it. The first end at their attempt
            // timeout before the liveness probe has missed its PINGs (those timeouts do not count toward the breaker);
            // the later ones are counted, and the last are refused by the open circuit.
            for (var wave = 0; wave < 4; wave++)
            {
                var calls = Enumerable.Range(0, 16).Select(_ => TouchTimedAsync(host, token)).ToList();
                var ready = Stopwatch.StartNew();
                var status = await host.Http.StatusOfAsync("/readyz");
                readiness.Add((ready.Elapsed, status));
                answers.AddRange(await Task.WhenAll(calls));
            }
        }
        finally
        {
            await redis.ResumeAsync();
        }

        var report = string.Join("; ", answers.Select(a => $"{a.Status} {a.Took.TotalMilliseconds:0} ms")) + " | readyz: "
            + string.Join(", ", readiness.Select(r => $"{r.Status} {r.Took.TotalMilliseconds:0} ms"));
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        Assert.All(answers, a => Assert.True(a.Status == StatusCode.Unavailable && a.Took < AnswerBound,
            $"answered {a.Status} after {a.Took.TotalMilliseconds:0} ms (bound {AnswerBound.TotalMilliseconds:0} ms). {report}"));
        // The breaker opened: the stall was counted as failures, and later calls were refused without waiting.
        Assert.Contains(answers, a => a.Detail.Contains("circuit is open", StringComparison.Ordinal));
        Assert.All(readiness, r => Assert.True(r.Status == HttpStatusCode.ServiceUnavailable && r.Took < AnswerBound,
            $"/readyz answered {r.Status} after {r.Took.TotalMilliseconds:0} ms. {report}"));

        // Recovery without a restart: once the break is over the next call is the probe that closes the circuit.
        var resumed = Stopwatch.StartNew();
        await Eventually.TrueAsync(async () => (await TouchTimedAsync(host, token)).Status == StatusCode.OK, Deadline,
            "Touch did not succeed again after Redis resumed");
        TestContext.Current.TestOutputHelper?.WriteLine($"served again {resumed.Elapsed.TotalMilliseconds:0} ms after SIGCONT");
        await Eventually.TrueAsync(async () => await host.Http.StatusOfAsync("/readyz") == HttpStatusCode.OK, Deadline,
            "/readyz did not report 200 after Redis resumed");
    }

    [Fact]
    public async Task ReadinessAlone_ClosesTheCircuitAfterTheBreak_WithoutAnyRequest()
    {
        // A pod out of rotation gets no requests: its readiness probe must be what closes the circuit again.
        await using var redis = await RedisServer.StartNewAsync();
        await using var host = await TestServiceHost.StartAsync(redis.ConnectionString, TestKeys.Prefix(), ShippedResilienceDefaults);
        var token = host.Tokens.Issue("talent-2", Roles.Applicant);
        await redis.PauseAsync();
        try
        {
            await Eventually.TrueAsync(async () => (await TouchTimedAsync(host, token)).Detail.Contains("circuit is open", StringComparison.Ordinal),
                Deadline, "the circuit never opened while Redis stalled");
        }
        finally
        {
            await redis.ResumeAsync();
        }

        await Eventually.TrueAsync(async () => await host.Http.StatusOfAsync("/readyz") == HttpStatusCode.OK, Deadline,
            "/readyz did not report 200 after Redis resumed");
        // Readiness closed the circuit: the first request after it is served, not refused.
        Assert.Equal(StatusCode.OK, (await TouchTimedAsync(host, token)).Status);
    }

    [Fact]
    public async Task OneSlowCallAmongSuccesses_DoesNotOpenTheCircuit_ButAStallOfMinimumThroughputAttemptsDoes()
    {
        await using var redis = await RedisServer.StartNewAsync();
        await using var connection = await redis.ConnectAsync();
        var time = new FakeTimeProvider();
        var pipeline = RedisPipeline.Create(Defaults, time);
        var key = (RedisKey)(TestKeys.Prefix() + "slow");
        var ct = TestContext.Current.CancellationToken;

        for (var i = 0; i < 20; i++)
            await pipeline.ExecuteAsync(async _ => await connection.GetDatabase().StringIncrementAsync(key), ct);
        await SlowAttemptsAsync(pipeline, time, 1, ct);
        Assert.Equal(21, await pipeline.ExecuteAsync(async _ => await connection.GetDatabase().StringIncrementAsync(key), ct));

        // Minimum throughput of nothing but timeouts (a stall at low traffic, within one sampling window): open.
        var stalled = RedisPipeline.Create(Defaults, time);
        await SlowAttemptsAsync(stalled, time, Defaults.MinimumThroughput, ct);
        await Assert.ThrowsAsync<BrokenCircuitException>(async () =>
            await stalled.ExecuteAsync(async _ => await connection.GetDatabase().StringIncrementAsync(key), ct));

        // After the break the next call is let through as a probe, and its success closes the circuit.
        time.Advance(Defaults.BreakDuration);
        await stalled.ExecuteAsync(async _ => await connection.GetDatabase().StringIncrementAsync(key), ct);
        await stalled.ExecuteAsync(async _ => await connection.GetDatabase().StringIncrementAsync(key), ct);
    }

    [Fact]
    public async Task CallsStuckInTheService_WhileRedisAnswersItsPings_DoNotOpenTheCircuit()
    {
        // An overloaded service: its calls wait in its own queues past the attempt timeout, while redis-server answers.
        await using var redis = await RedisServer.StartNewAsync();
        await using var connection = await redis.ConnectAsync();
        var ct = TestContext.Current.CancellationToken;
        var (liveness, probe) = await StartLivenessProbeAsync(redis, ct);
        try
        {
            var time = new FakeTimeProvider();
            var pipeline = RedisPipeline.Create(Defaults, time, liveness);
            await SlowAttemptsAsync(pipeline, time, Defaults.MinimumThroughput * 4, ct);
            Assert.True(liveness.Answering);
            // Not BrokenCircuitException: the circuit stayed closed and the call reaches Redis.
            Assert.Equal(1, await pipeline.ExecuteAsync(async _ => await connection.GetDatabase().StringIncrementAsync(TestKeys.Prefix() + "overload"), ct));
        }
        finally
        {
            await probe.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task CallsTimingOut_WhileRedisMissesItsPings_OpenTheCircuit_AndPingsAnsweredAgainEndTheSilence()
    {
        await using var redis = await RedisServer.StartNewAsync();
        var ct = TestContext.Current.CancellationToken;
        var (liveness, probe) = await StartLivenessProbeAsync(redis, ct);
        try
        {
            var time = new FakeTimeProvider();
            var pipeline = RedisPipeline.Create(Defaults, time, liveness);
            await redis.PauseAsync();
            try
            {
                await Eventually.TrueAsync(() => Task.FromResult(!liveness.Answering), Deadline, "the probe never saw the stalled Redis miss its PINGs");
                await SlowAttemptsAsync(pipeline, time, Defaults.MinimumThroughput, ct);
                await Assert.ThrowsAsync<BrokenCircuitException>(async () => await pipeline.ExecuteAsync(_ => ValueTask.FromResult(0), ct));
            }
            finally
            {
                await redis.ResumeAsync();
            }
            await Eventually.TrueAsync(() => Task.FromResult(liveness.Answering), Deadline, "the probe never saw Redis answer again");
        }
        finally
        {
            await probe.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task BulkRead_OutlastsTheAttemptAndTotalTimeouts_ButNotTheBulkTimeout()
    {
        var time = new FakeTimeProvider();
        var pipeline = RedisPipeline.Create(Defaults, time);
        var ct = TestContext.Current.CancellationToken;

        var slowPage = new TaskCompletionSource<int>();
        var page = pipeline.ExecuteBulkAsync(async _ => await slowPage.Task, ct).AsTask();
        time.Advance(Defaults.TotalTimeout + Defaults.AttemptTimeout);
        Assert.False(page.IsCompleted, "a bulk read was held to a request's timeouts");
        slowPage.SetResult(1_000);
        Assert.Equal(1_000, await page.WaitAsync(TimeSpan.FromSeconds(10), ct));

        var never = new TaskCompletionSource<int>();
        var stuck = pipeline.ExecuteBulkAsync(async _ => await never.Task, ct).AsTask();
        time.Advance(Defaults.BulkTimeout);
        await Assert.ThrowsAsync<TimeoutRejectedException>(() => stuck.WaitAsync(TimeSpan.FromSeconds(10), ct));
    }

    /// <summary>The services' probe on its own, started against <paramref name="redis"/>.</summary>
    private static async Task<(RedisLiveness Liveness, RedisLivenessProbe Probe)> StartLivenessProbeAsync(RedisServer redis, CancellationToken ct)
    {
        var liveness = new RedisLiveness(Defaults.LivenessMisses);
        var probe = new RedisLivenessProbe(new RedisConnectionFactory(redis.ConnectionString), liveness,
            Microsoft.Extensions.Options.Options.Create(Defaults), Microsoft.Extensions.Logging.Abstractions.NullLogger<RedisLivenessProbe>.Instance);
        await probe.StartAsync(ct);
        await Eventually.TrueAsync(() => Task.FromResult(liveness.Answering), Deadline, "the probe does not see Redis answering");
        return (liveness, probe);
    }

    /// <summary>Concurrent attempts that never answer, all ended by the pipeline's attempt timeout on the fake clock.</summary>
    private static async Task SlowAttemptsAsync(RedisPipeline pipeline, FakeTimeProvider time, int count, CancellationToken ct)
    {
        var never = new TaskCompletionSource<long>();
        var attempts = Enumerable.Range(0, count).Select(_ => pipeline.ExecuteOnceAsync(_ => never.Task, ct).AsTask()).ToList();
        // Each attempt's timer is registered when it starts (synchronously: nothing before it awaits); advancing fires them.
        time.Advance(Defaults.AttemptTimeout);
        foreach (var attempt in attempts)
            await Assert.ThrowsAsync<TimeoutRejectedException>(() => attempt.WaitAsync(TimeSpan.FromSeconds(10), ct));
    }

    private static void ShippedResilienceDefaults(Dictionary<string, string?> settings)
    {
        foreach (var key in settings.Keys.Where(k => k.StartsWith(RedisResilienceOptions.Section, StringComparison.Ordinal)).ToList())
            settings.Remove(key);
    }

    private static async Task<(TimeSpan Took, StatusCode Status, string Detail)> TouchTimedAsync(TestServiceHost host, string token)
    {
        var took = Stopwatch.StartNew();
        try
        {
            await host.Probe.TouchAsync(new TouchRequest { Key = "stall" }, TestServiceHost.Call(token));
            return (took.Elapsed, StatusCode.OK, "");
        }
        catch (RpcException error)
        {
            return (took.Elapsed, error.StatusCode, error.Status.Detail);
        }
    }
}

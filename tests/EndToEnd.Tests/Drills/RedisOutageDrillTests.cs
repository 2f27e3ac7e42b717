using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Grpc.Core;
using TalentMesh.Contracts.Evaluation.V1;
using TalentMesh.Contracts.Redemption.V1;
using TalentMesh.Contracts.Registration.V1;
using TalentMesh.EndToEnd.Tests.Support;
using TalentMesh.EndToEnd.Tests.Workflow;
using TalentMesh.Testing;
using TalentMesh.Testing.Mesh;

namespace TalentMesh.EndToEnd.Tests.Drills;

/// <summary>
/// Drill: Redis stops answering for 10 s (SIGSTOP: connections stay open, nothing comes back — the hardest kind of
/// unreachable). Every call answers UNAVAILABLE within a bound, the processes' thread counts stay flat, /readyz says not
/// ready, no process dies; after SIGCONT the services recover on their own, events included. A short stall first
/// (bounded more loosely) runs each process's failure path once, so the 10 s stall measures the mechanism, not the JIT.
/// </summary>
public sealed class RedisOutageDrillTests
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);

    /// <summary>
    /// "Quickly" (issue 11): the "redis" pipeline's attempt timeout (500 ms) sits inside its circuit breaker, so a stall
    /// opens the circuit within the first waves of calls; a call waits at most one attempt timeout (not retried: the
    /// first wave and each half-open probe) and otherwise is refused at once. Measured 0.54–0.8 s at most, 1.63 s once at
    /// load average 48 (docs/drills.md); the rest of the bound is room for the loaded machine. Before that fix calls
    /// took 3.1–5.6 s.
    /// </summary>
    private static readonly TimeSpan AnswerBound = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan WarmUpOutage = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The warm-up stall is each process's first run of its failure path (exceptions, Polly's events, the status mapping
    /// and its error details): on the shared 2-core machine at load 20–28 its JIT added up to ~1.3 s to single calls.
    /// </summary>
    private static readonly TimeSpan ColdAnswerBound = TimeSpan.FromSeconds(3);

    private const int ExtraThreadsAllowed = 30;

    [Fact]
    public async Task RedisUnreachableForTenSeconds_ServicesAnswerUnavailableQuickly_NotReady_RecoverWithoutRestart()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var redis = await RedisServer.StartNewAsync();
        await using var mesh = await Mesh.StartAsync(new MeshOptions { Redis = redis }, ct);
        var api = new MeshClients(mesh);
        await api.Talents.RegisterTalentAsync(People.Registration("Outage Before", People.BornYearsAgo(35)), api.Applicant("t-before"));
        await GrpcWorkflowTests.ScoreAsync(api, "t-before", _ => true, "the first talent is scored before the outage");
        var pids = mesh.Services.ToDictionary(s => s.Project, s => s.ProcessId);

        // Calls that each need Redis, one per service.
        var calls = new Dictionary<string, Func<TimeSpan, Task>>
        {
            ["Registration"] = timeout => api.Talents.GetTalentAsync(new GetTalentRequest { TalentId = "t-before" }, api.As("hr", "hr-1", timeout)).ResponseAsync,
            ["Evaluation"] = timeout => api.Scores.GetScoreAsync(new GetScoreRequest { TalentId = "t-before" }, api.As("hr", "hr-1", timeout)).ResponseAsync,
            ["Redemption"] = timeout => api.Policies.ListPoliciesAsync(new ListPoliciesRequest(), api.As("policy_officer", "officer-1", timeout)).ResponseAsync,
        };

        var cold = await StallAsync(redis, mesh, calls, WarmUpOutage, ct);
        TestContext.Current.TestOutputHelper?.WriteLine("warm-up stall: " + cold.Report);
        Assert.All(cold.Answers, a => Assert.True(a.Status == StatusCode.Unavailable && a.Took < ColdAnswerBound,
            $"{a.Service} answered {a.Status} after {a.Took.TotalMilliseconds:0} ms in the warm-up stall. {cold.Report}"));
        await RecoveredAsync(mesh, calls, pids, ct);

        var stall = await StallAsync(redis, mesh, calls, Outage, ct);
        TestContext.Current.TestOutputHelper?.WriteLine("10 s stall: " + stall.Report);
        Assert.All(stall.Answers, a => Assert.True(a.Status == StatusCode.Unavailable && a.Took < AnswerBound,
            $"{a.Service} answered {a.Status} after {a.Took.TotalMilliseconds:0} ms. {stall.Report}"));
        Assert.All(mesh.Services, s => Assert.True(stall.NotReady.ContainsKey(s.Project), $"{s.Project} never reported not ready. {stall.Report}"));
        Assert.All(mesh.Services, s => Assert.True(stall.MaxThreads[s.Project] <= stall.ThreadsBefore[s.Project] + ExtraThreadsAllowed,
            $"thread pile-up in {s.Project}. {stall.Report}"));

        // Recovery without a restart: ready again, calls succeed, and events flow again end to end.
        await RecoveredAsync(mesh, calls, pids, ct);
        await api.Talents.RegisterTalentAsync(People.Registration("Outage After", People.BornYearsAgo(36)), api.Applicant("t-after"));
        await GrpcWorkflowTests.ScoreAsync(api, "t-after", _ => true, "a talent registered after the outage is scored (the bus recovered)");
    }

    private sealed record Answer(string Service, TimeSpan Took, StatusCode Status, TimeSpan At);

    private sealed record Stall(IReadOnlyCollection<Answer> Answers, IReadOnlyDictionary<string, bool> NotReady,
        IReadOnlyDictionary<string, int> ThreadsBefore, IReadOnlyDictionary<string, int> MaxThreads)
    {
        public string Report => string.Join("; ", Answers.GroupBy(a => a.Service).Select(g =>
            $"{g.Key}: {g.Count()} calls, max {g.Max(a => a.Took.TotalMilliseconds):0} ms, median {Median(g.Select(a => a.Took.TotalMilliseconds)):0} ms, " +
            $"statuses {string.Join(",", g.GroupBy(a => a.Status).Select(s => $"{s.Key}×{s.Count()}"))}, threads {ThreadsBefore[g.Key]}→max {MaxThreads[g.Key]}, " +
            $"slowest (ms after the stall began: ms taken) {string.Join(" ", g.OrderByDescending(a => a.Took).Take(4).Select(a => $"{a.At.TotalMilliseconds:0}:{a.Took.TotalMilliseconds:0}"))}"));
    }

    /// <summary>Stalls Redis for <paramref name="length"/>: rounds of 8 concurrent calls per service, readiness and thread counts.</summary>
    private static async Task<Stall> StallAsync(RedisServer redis, Mesh mesh, Dictionary<string, Func<TimeSpan, Task>> calls, TimeSpan length,
        CancellationToken ct)
    {
        var threadsBefore = mesh.Services.ToDictionary(s => s.Project, s => s.Process.ThreadCount);
        var answers = new ConcurrentBag<Answer>();
        var notReady = new ConcurrentDictionary<string, bool>();
        var maxThreads = new ConcurrentDictionary<string, int>(threadsBefore);
        await redis.PauseAsync();
        var outage = Stopwatch.StartNew();
        try
        {
            while (outage.Elapsed < length)
            {
                var round = calls.SelectMany(call => Enumerable.Range(0, 8).Select(async _ =>
                {
                    var at = outage.Elapsed;
                    var took = Stopwatch.StartNew();
                    try
                    {
                        await call.Value(TimeSpan.FromSeconds(20));
                        answers.Add(new Answer(call.Key, took.Elapsed, StatusCode.OK, at));
                    }
                    catch (RpcException error)
                    {
                        answers.Add(new Answer(call.Key, took.Elapsed, error.StatusCode, at));
                    }
                })).ToList();
                foreach (var service in mesh.Services)
                {
                    using var ready = await service.Http.GetAsync("/readyz", ct);
                    if (ready.StatusCode == HttpStatusCode.ServiceUnavailable)
                        notReady[service.Project] = true;
                }
                await Task.WhenAll(round);
                foreach (var service in mesh.Services)
                    maxThreads.AddOrUpdate(service.Project, service.Process.ThreadCount, (_, seen) => Math.Max(seen, service.Process.ThreadCount));
            }
        }
        finally
        {
            await redis.ResumeAsync();
        }
        return new Stall(answers, notReady, threadsBefore, maxThreads);
    }

    /// <summary>Every service is ready again, in the same process, and answers its call.</summary>
    private static async Task RecoveredAsync(Mesh mesh, Dictionary<string, Func<TimeSpan, Task>> calls, Dictionary<string, int> pids, CancellationToken ct)
    {
        foreach (var service in mesh.Services)
        {
            await Eventually.TrueAsync(async () => (await service.Http.GetAsync("/readyz", ct)).IsSuccessStatusCode, TimeSpan.FromSeconds(30), $"{service.Project} ready again");
            Assert.Equal(pids[service.Project], service.ProcessId);
            Assert.True(service.Process.IsRunning);
        }
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                await Task.WhenAll(calls.Values.Select(call => call(TimeSpan.FromSeconds(10))));
                return true;
            }
            catch (RpcException error) when (error.StatusCode == StatusCode.Unavailable)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(30), "every service answers again");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}

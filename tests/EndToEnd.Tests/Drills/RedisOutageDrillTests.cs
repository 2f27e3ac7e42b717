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
/// ready, no process dies; after SIGCONT the services recover on their own, events included.
/// </summary>
public sealed class RedisOutageDrillTests
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);

    /// <summary>
    /// "Quickly" (issue 11): the "redis" pipeline's attempt timeout (500 ms) sits inside its circuit breaker, so a stall
    /// opens the circuit within the first waves of calls; a call waits at most one attempt timeout (not retried), and
    /// never more than the pipeline's 1 s total timeout; the rest is room for a loaded machine (docs/drills.md).
    /// Before that fix calls took 3.9–6.7 s.
    /// </summary>
    private static readonly TimeSpan AnswerBound = TimeSpan.FromSeconds(1.5);

    /// <summary>
    /// The first round is the first time each process runs its failure path (exceptions, Polly's events, the status
    /// mapping and its error details): on the shared 2-core machine at load 20–28 its JIT alone added up to ~1.3 s
    /// to single calls (docs/drills.md). Later rounds must meet <see cref="AnswerBound"/>.
    /// </summary>
    private static readonly TimeSpan FirstRoundBound = TimeSpan.FromSeconds(3);

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
        var threadsBefore = mesh.Services.ToDictionary(s => s.Project, s => s.Process.ThreadCount);

        // Calls that each need Redis, one per service.
        var calls = new Dictionary<string, Func<TimeSpan, Task>>
        {
            ["Registration"] = timeout => api.Talents.GetTalentAsync(new GetTalentRequest { TalentId = "t-before" }, api.As("hr", "hr-1", timeout)).ResponseAsync,
            ["Evaluation"] = timeout => api.Scores.GetScoreAsync(new GetScoreRequest { TalentId = "t-before" }, api.As("hr", "hr-1", timeout)).ResponseAsync,
            ["Redemption"] = timeout => api.Policies.ListPoliciesAsync(new ListPoliciesRequest(), api.As("policy_officer", "officer-1", timeout)).ResponseAsync,
        };

        var answers = new ConcurrentBag<(string Service, TimeSpan Took, StatusCode Status, TimeSpan At, int Round)>();
        var notReady = new ConcurrentDictionary<string, bool>();
        var maxThreads = new ConcurrentDictionary<string, int>(threadsBefore);
        await redis.PauseAsync();
        var outage = Stopwatch.StartNew();
        try
        {
            // For the length of the outage: rounds of 8 concurrent calls per service, readiness and thread counts.
            for (var roundCount = 0; outage.Elapsed < Outage; roundCount++)
            {
                var roundNumber = roundCount;
                var round = calls.SelectMany(call => Enumerable.Range(0, 8).Select(async _ =>
                {
                    var at = outage.Elapsed;
                    var took = Stopwatch.StartNew();
                    try
                    {
                        await call.Value(TimeSpan.FromSeconds(20));
                        answers.Add((call.Key, took.Elapsed, StatusCode.OK, at, roundNumber));
                    }
                    catch (RpcException error)
                    {
                        answers.Add((call.Key, took.Elapsed, error.StatusCode, at, roundNumber));
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

        var report = string.Join("; ", answers.GroupBy(a => a.Service).Select(g =>
            $"{g.Key}: {g.Count()} calls, max {g.Max(a => a.Took.TotalMilliseconds):0} ms, median {Median(g.Select(a => a.Took.TotalMilliseconds)):0} ms, " +
            $"statuses {string.Join(",", g.GroupBy(a => a.Status).Select(s => $"{s.Key}×{s.Count()}"))}, threads {threadsBefore[g.Key]}→max {maxThreads[g.Key]}, " +
            $"first round max {g.Where(a => a.Round == 0).Max(a => a.Took.TotalMilliseconds):0} ms, later rounds max {g.Where(a => a.Round > 0).DefaultIfEmpty().Max(a => a.Took.TotalMilliseconds):0} ms, " +
            $"slowest (ms after the stall began: ms taken) {string.Join(" ", g.OrderByDescending(a => a.Took).Take(4).Select(a => $"{a.At.TotalMilliseconds:0}:{a.Took.TotalMilliseconds:0}"))}"));
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        Assert.All(answers, a => Assert.True(a.Status == StatusCode.Unavailable && a.Took < (a.Round == 0 ? FirstRoundBound : AnswerBound),
            $"{a.Service} answered {a.Status} after {a.Took.TotalMilliseconds:0} ms in round {a.Round}. {report}"));
        Assert.All(mesh.Services, s => Assert.True(notReady.ContainsKey(s.Project), $"{s.Project} never reported not ready. {report}"));
        Assert.All(mesh.Services, s => Assert.True(maxThreads[s.Project] <= threadsBefore[s.Project] + ExtraThreadsAllowed, $"thread pile-up in {s.Project}. {report}"));

        // Recovery without a restart: ready again, calls succeed, and events flow again end to end.
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
        await api.Talents.RegisterTalentAsync(People.Registration("Outage After", People.BornYearsAgo(36)), api.Applicant("t-after"));
        await GrpcWorkflowTests.ScoreAsync(api, "t-after", _ => true, "a talent registered after the outage is scored (the bus recovered)");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}

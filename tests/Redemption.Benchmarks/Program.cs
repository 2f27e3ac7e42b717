using System.Diagnostics;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Redemption.V1;
using TalentMesh.EventBus.Outbox;
using TalentMesh.Redemption.Budgets;
using TalentMesh.Redemption.Talents;
using TalentMesh.ServiceDefaults.Security;
using TalentMesh.Testing;

namespace TalentMesh.Redemption.Benchmarks;

/// <summary>Entry point (a class, so the service's own Program stays the one ServiceHost hosts).</summary>
internal static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        // Usage: dotnet run -c Release --project tests/Redemption.Benchmarks [-- --seconds S --concurrency C --talents N --quick]
        var seconds = Option("--seconds", 10);
        var concurrency = Option("--concurrency", 64);
        var matchTalents = Option("--talents", 100_000);
        if (args.Contains("--quick"))
            (seconds, matchTalents) = (2, 5_000);

        // The service's content root (its appsettings) is copied next to this program; WebApplicationFactory looks for it here.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_TALENTMESH_REDEMPTION", AppContext.BaseDirectory);
        await using var redis = await RedisServer.StartNewAsync();
        await using var host = await ServiceHost<Program>.StartAsync(redis.ConnectionString, "bench:", settings =>
        {
            settings["Logging:LogLevel:Default"] = "Warning";
            settings["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning";
        }, services: registrations => registrations.AddSingleton(TimeProvider.System)); // the real clock, as in production (the test clock takes a lock per read)
        var officer = host.Token(Roles.PolicyOfficer, "officer-1");
        CallOptions Call(string token) => new(new Metadata { { "Authorization", $"Bearer {token}" } }, DateTime.UtcNow.AddSeconds(30));
        var policies = new PolicyService.PolicyServiceClient(host.Channel);
        var redemptions = new RedemptionService.RedemptionServiceClient(host.Channel);
        var health = new Health.HealthClient(host.Channel);
        Console.WriteLine($"Redemption benchmark: {Environment.ProcessorCount} cores, concurrency {concurrency}, {seconds} s per run, load average {LoadAverage()}");
        await using var admin = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis.ConnectionString + ",allowAdmin=true");
        var meter = new CostMeter(admin.GetServer(admin.GetEndPoints()[0]));

        // Decisions: talents and policies as the service holds them, then Redeem + Approve flows in a closed loop.
        const int DecisionTalents = 5_000, DecisionPolicies = 8;
        var policyIds = new List<string>();
        for (var i = 0; i < DecisionPolicies; i++)
        {
            var draft = new Policy { Title = $"Benchmark benefit {i}", EligibleTiers = { Tier.D, Tier.E }, PaymentForm = PaymentForm.OneOff, Amount = Fen.ToMoney(1_000_00) };
            var created = await policies.CreatePolicyAsync(new CreatePolicyRequest { Policy = draft, IdempotencyKey = Guid.NewGuid().ToString() }, Call(officer));
            policyIds.Add((await policies.PublishPolicyAsync(new PublishPolicyRequest { PolicyId = created.PolicyId }, Call(officer))).PolicyId);
        }
        // Talents arrive after the policies' match jobs have run over an empty talent index: the decision runs measure
        // decisions, not background notifications.
        // A job starts when the bus delivers policy.published to the service's own handler, so "no job queued" right
        // after publishing proves nothing: wait until every policy's job has run to its end.
        var waitForJobs = Stopwatch.StartNew();
        while ((await Task.WhenAll(policyIds.Select(id => host.Redis.GetDatabase().StringGetAsync($"bench:match-cursor:{id}")))).Any(c => c != "$done"))
        {
            if (waitForJobs.Elapsed > TimeSpan.FromMinutes(2))
                throw new TimeoutException("the decision policies' match jobs did not finish within 2 minutes");
            await Task.Delay(20);
        }
        await SeedTalentsAsync("d", DecisionTalents, _ => Tier.E);
        var tokens = Enumerable.Range(0, DecisionTalents).Select(i => host.Token(Roles.Applicant, $"d{i:D6}")).ToArray();

        await RunAsync("warm-up (no-op)", TimeSpan.FromSeconds(2), new Latencies(), async (_, latencies) => await TimedAsync(latencies, () => health.CheckAsync(new HealthCheckRequest(), Call(officer)).ResponseAsync));
        var noOp = new Latencies();
        await meter.StartAsync();
        var noOpTime = await RunAsync("no-op", TimeSpan.FromSeconds(seconds), noOp, async (_, latencies) => await TimedAsync(latencies, () => health.CheckAsync(new HealthCheckRequest(), Call(officer)).ResponseAsync));
        var noOpCost = await meter.StopAsync(noOp.Count);
        var next = -1;
        async Task FlowAsync(long _, Latencies latencies)
        {
            var flow = Interlocked.Increment(ref next);
            // Flows spread over the policies (a final approval holds its policy's reservation lock), each pair once.
            var policy = policyIds[flow % DecisionPolicies];
            var talent = flow / DecisionPolicies % DecisionTalents;
            var redemption = await TimedAsync(latencies, () => redemptions.RedeemAsync(new RedeemRequest { PolicyId = policy, IdempotencyKey = $"f{flow}" }, Call(tokens[talent])).ResponseAsync);
            await TimedAsync(latencies, () => redemptions.ApproveRedemptionAsync(new ApproveRedemptionRequest { RedemptionId = redemption.RedemptionId, Stage = ApprovalStage.PreliminaryReview }, Call(officer)).ResponseAsync);
        }
        await RunAsync("warm-up (decisions)", TimeSpan.FromSeconds(2), new Latencies(), FlowAsync);
        var decisions = new Latencies();
        await meter.StartAsync();
        var decisionTime = await RunAsync("decisions", TimeSpan.FromSeconds(seconds), decisions, FlowAsync);
        var decisionCost = await meter.StopAsync(decisions.Count);
        var loadAfterDecisions = LoadAverage();

        // Matching: one new policy against every talent, in the background; timed from publish to the job's end.
        await SeedTalentsAsync("m", matchTalents, i => i % 2 == 0 ? Tier.E : Tier.B);
        var matchDraft = new Policy { Title = "Benchmark rent subsidy", EligibleTiers = { Tier.D, Tier.E }, PaymentForm = PaymentForm.Monthly, Installments = 12, Amount = Fen.ToMoney(2_500_00) };
        var matchPolicy = await policies.CreatePolicyAsync(new CreatePolicyRequest { Policy = matchDraft, IdempotencyKey = Guid.NewGuid().ToString() }, Call(officer));
        var database = host.Redis.GetDatabase();
        // Let the relay publish the decision runs' events first, so the match is not queued behind them.
        var drain = Stopwatch.StartNew();
        // and let the match jobs of the decision runs' policies (over the decision talents) finish.
        while ((await database.SortedSetLengthAsync("bench:match-jobs") > 0
                || (await database.StreamGroupInfoAsync("bench:outbox")).Any(g => g.PendingMessageCount > 0 || (g.Lag ?? 0) > 0))
            && drain.Elapsed < TimeSpan.FromMinutes(5))
            await Task.Delay(50);
        Console.WriteLine($"waited {drain.Elapsed.TotalSeconds:N1} s for earlier match jobs and the outbox to drain");
        await meter.StartAsync();
        var matchClock = Stopwatch.StartNew();
        await policies.PublishPolicyAsync(new PublishPolicyRequest { PolicyId = matchPolicy.PolicyId }, Call(officer));
        var publishMs = matchClock.Elapsed.TotalMilliseconds;
        TimeSpan? started = null;
        while (true)
        {
            var cursor = await database.StringGetAsync($"bench:match-cursor:{matchPolicy.PolicyId}");
            if (cursor.HasValue && started is null)
                started = matchClock.Elapsed;
            if (cursor == "$done")
                break;
            if (matchClock.Elapsed > TimeSpan.FromMinutes(5))
                throw new TimeoutException("matching did not finish within 5 minutes");
            await Task.Delay(20);
        }
        var matchTime = matchClock.Elapsed;
        var matchCost = await meter.StopAsync(matchTalents / 2);
        var sampleNotified = 0;
        for (var i = 0; i < 1_000; i += 2)
            sampleNotified += await database.SetContainsAsync($"bench:notified:m{i:D6}", matchPolicy.PolicyId) ? 1 : 0;

        Console.WriteLine();
        Console.WriteLine(noOp.Summary("no-op gRPC call (health check)", noOpTime));
        Console.WriteLine($"{"",-34} {noOpCost}");
        Console.WriteLine(decisions.Summary("redemption decisions (Redeem+Approve)", decisionTime));
        Console.WriteLine($"{"",-34} {decisionCost}");
        Console.WriteLine($"{"",-34} decisions/no-op rate: {decisions.Count / decisionTime.TotalSeconds / (noOp.Count / noOpTime.TotalSeconds):P1}; load average after the decision run {loadAfterDecisions}");
        Console.WriteLine($"{"matching 1 new policy",-34} {matchTalents:N0} talents ({matchTalents / 2:N0} eligible) in {matchTime.TotalSeconds:N2} s (publish call {publishMs:N1} ms, job started after {started?.TotalSeconds:N2} s); sample of 500 eligible: {sampleNotified} notified");
        Console.WriteLine($"{"",-34} per eligible talent: {matchCost}; load average now {LoadAverage()}");
        var decisionRate = decisions.Count / decisionTime.TotalSeconds;
        Console.WriteLine($"goals: decisions >= 2,000/s {(decisionRate >= 2_000 ? "MET" : "MISS")}, p99 < 30 ms {(decisions.P99Milliseconds < 30 ? "MET" : "MISS")}, matching 100,000 < 10 s {(matchTalents >= 100_000 && matchTime.TotalSeconds < 10 ? "MET" : matchTalents < 100_000 ? "n/a (quick)" : "MISS")}");
        return 0;

        async Task SeedTalentsAsync(string prefix, int count, Func<int, Tier> tierOf)
        {
            var store = host.Services.GetRequiredService<TalentStore>();
            var units = host.Services.GetRequiredService<EventUnitOfWorkFactory>();
            for (var start = 0; start < count; start += 500)
            {
                var unit = units.Begin();
                for (var i = start; i < Math.Min(count, start + 500); i++)
                    store.WriteEvaluation(unit, new TalentProfile($"{prefix}{i:D6}", tierOf(i), 1, new TalentFactsSummary(), CodeState.Active), 0);
                await unit.CommitAsync();
            }
        }

        async Task<TimeSpan> RunAsync(string name, TimeSpan duration, Latencies latencies, Func<long, Latencies, Task> operation)
        {
            Console.WriteLine($"run: {name} (process {Environment.ProcessId})");
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
            {
                while (clock.Elapsed < duration)
                    await operation(worker, latencies);
            }));
            return clock.Elapsed;
        }

        static async Task<T> TimedAsync<T>(Latencies latencies, Func<Task<T>> call)
        {
            var start = Stopwatch.GetTimestamp();
            var result = await call();
            latencies.Add(Stopwatch.GetTimestamp() - start);
            return result;
        }

        static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

        int Option(string name, int fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out var value) ? value : fallback;
        }
    }
}

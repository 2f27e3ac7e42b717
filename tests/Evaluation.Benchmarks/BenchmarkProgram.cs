using System.Diagnostics;
using System.Globalization;
using System.Text;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Evaluation.V1;
using TalentMesh.Contracts.Events.V1;
using TalentMesh.EventBus.Events;
using TalentMesh.Evaluation.Facts;
using TalentMesh.Evaluation.Rules;
using TalentMesh.Evaluation.Scores;
using TalentMesh.ServiceDefaults.Redis;
using TalentMesh.Testing;
using ServiceProgram = Program;

namespace TalentMesh.Evaluation.Benchmarks;

/// <summary>
/// Seeds N talents into a private redis-server through the service's own stores, then measures against the real
/// Evaluation Program (real sockets, the bus's redis transport, the real clock): a bare read of every talent's facts
/// (the baseline), PreviewRuleSet, a rollout until every changed result is on the talent.evaluated stream, and the
/// latency from credential.verified on the stream to talent.evaluated on the stream at a fixed rate.
/// </summary>
public static class BenchmarkProgram
{
    private const string Prefix = "bench:";

    public static async Task<int> Main(string[] args)
    {
        var settings = BenchmarkSettings.Parse(args);
        // WebApplicationFactory finds the service's content root (appsettings) through this variable outside a test run.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_TALENTMESH_EVALUATION", ServiceContentRoot());
        await using var redis = await RedisServer.StartNewAsync();
        // Topic streams keep every event of the run (the default cap of 100,000 would trim the rollout's events).
        await using var host = await ServiceHost<ServiceProgram>.StartAsync(redis.ConnectionString, Prefix,
            configure: s =>
            {
                s["EventBus:MaxLenApprox"] = "10000000";
                // The bus as deployed, not the tests' quick timings (a 2 s processing timeout would redeliver, and so
                // duplicate, every event that waits longer than that for a core on a loaded machine).
                foreach (var key in new[] { "EventBus:BlockTime", "EventBus:RelayPollInterval", "EventBus:RedeliverInterval", "EventBus:ProcessingTimeout" })
                    s.Remove(key);
            },
            services: registrations => registrations.AddSingleton(TimeProvider.System));
        var connection = host.Redis;
        var adminToken = host.Token("admin", "bench");
        // A fresh deadline per call: a loaded machine can make the whole run longer than any one deadline.
        CallOptions Admin() => ServiceHost<ServiceProgram>.Call(adminToken, TimeSpan.FromMinutes(10));
        var ruleSets = new RuleSetService.RuleSetServiceClient(host.Channel);
        Console.WriteLine($"Evaluation benchmark: {settings.Talents:N0} talents, {Environment.ProcessorCount} cores");

        await using var adminConnection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString + ",allowAdmin=true");
        var cpu = new CpuMeter(adminConnection.GetServers()[0]);
        await cpu.StartAsync();
        var watch = Stopwatch.StartNew();
        await Seeding.SeedAsync(host.Services, settings.Talents);
        Report("seed (facts + evaluation + event per talent)", settings.Talents, watch.Elapsed);
        Console.WriteLine(await cpu.ReportAsync(settings.Talents, "talent"));

        await cpu.StartAsync();
        var baseline = await BareReadAsync(host.Services.GetRequiredService<FactsStore>(), settings.Talents);
        Report("baseline: bare read of every talent's facts", settings.Talents, baseline);
        Console.WriteLine(await cpu.ReportAsync(settings.Talents, "talent"));

        await TierCountAsync(host, connection, cpu, settings.Talents, baseline);

        // The default's worked examples expect a doctorate to earn 25; the candidate drops them.
        var shipped = ShippedRuleSets.Json(ShippedRuleSets.HighTechZone);
        var examples = shipped.IndexOf(",\n  \"examples\": [", StringComparison.Ordinal);
        var candidate = (examples < 0 ? shipped : shipped[..examples] + "\n}\n")
            .Replace("\"doctor\": 25", "\"doctor\": 30", StringComparison.Ordinal).Replace("\"version\": \"2025.1\"", "\"version\": \"bench\"", StringComparison.Ordinal);
        await cpu.StartAsync();
        watch.Restart();
        var preview = await ruleSets.PreviewRuleSetAsync(new PreviewRuleSetRequest { Document = candidate }, Admin());
        var previewTime = watch.Elapsed;
        Report("PreviewRuleSet", preview.TalentsEvaluated, previewTime);
        Console.WriteLine($"  moved up {preview.MovedUp:N0}, down {preview.MovedDown:N0}, gained tier {preview.GainedTier:N0}, lost tier {preview.LostTier:N0}");
        Console.WriteLine(await cpu.ReportAsync(preview.TalentsEvaluated, "talent"));

        var topic = Prefix + "talent.evaluated";
        var before = (await connection.GetDatabase().StreamInfoAsync(topic)).LastEntry.Id;
        await cpu.StartAsync();
        watch.Restart();
        await ruleSets.PublishRuleSetAsync(new PublishRuleSetRequest { Document = candidate, ExpectedHash = preview.Hash, IdempotencyKey = "bench" }, Admin());
        Rollout rollout;
        do
        {
            await Task.Delay(50);
            rollout = await ruleSets.GetRolloutAsync(new GetRolloutRequest { Hash = preview.Hash }, Admin());
        }
        while (rollout.State == RolloutState.Running);
        var rolloutTime = watch.Elapsed;
        while (await CountAfterAsync(connection.GetDatabase(), topic, before) < rollout.Changed)
            await Task.Delay(20);
        var rolloutWithEvents = watch.Elapsed;
        Report("rollout: every talent re-evaluated and committed", rollout.Done, rolloutTime);
        Report("rollout: + every changed result on the topic stream", rollout.Done, rolloutWithEvents);
        Console.WriteLine(await cpu.ReportAsync(rollout.Done, "talent"));
        Console.WriteLine($"  changed {rollout.Changed:N0}; rollout rate / bare-read rate = {baseline / rolloutWithEvents:P1}");
        Goal("preview < 10 s", previewTime < TimeSpan.FromSeconds(10));
        Goal("rollout < 60 s", rolloutWithEvents < TimeSpan.FromSeconds(60));

        var expected = Math.Min(settings.Rate * settings.Seconds, settings.Talents);
        // Warm-up (not measured): the event path's code is compiled and tiered up before it is timed.
        var warmUp = Math.Min(settings.Rate * 3, settings.Talents / 10);
        await EchoLatencyAsync(redis.ConnectionString, settings, warmUp);
        await ServiceLatencyAsync(redis.ConnectionString, settings, warmUp, warmUp: true);
        // What the process and Redis spend with no event in flight (background loops, timers), to net it out below.
        await cpu.StartAsync();
        await Task.Delay(TimeSpan.FromSeconds(5));
        Console.WriteLine("idle for 5 s, per second:");
        Console.WriteLine(await cpu.ReportAsync(5, "s"));
        await cpu.StartAsync();
        var echo = await EchoLatencyAsync(redis.ConnectionString, settings, expected);
        var echoCpu = await cpu.ReportAsync(echo.Count, "event");
        ReportLatency($"baseline: bare echo through Redis at {settings.Rate}/s for {settings.Seconds} s", echo, expected);
        Console.WriteLine(echoCpu);
        await cpu.StartAsync();
        var trips = await ServiceLatencyAsync(redis.ConnectionString, settings, expected);
        var serviceCpu = await cpu.ReportAsync(trips.Count, "event");
        ReportLatency($"credential.verified → talent.evaluated at {settings.Rate}/s for {settings.Seconds} s", trips, expected);
        Console.WriteLine(serviceCpu);
        ReportStages(trips);
        var p99 = new Percentiles(trips.Select(t => t.TotalMs)).At(0.99);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  p99 service / p99 echo baseline = {p99 / new Percentiles(echo.Select(t => t.TotalMs)).At(0.99):F1}×"));
        Goal("p99 < 20 ms", p99 < 20);
        return 0;
    }

    /// <summary>Entries after <paramref name="after"/> (exclusive), paged.</summary>
    private static async Task<long> CountAfterAsync(IDatabase database, string stream, RedisValue after)
    {
        long count = 0;
        while (true)
        {
            var page = await database.StreamRangeAsync(stream, "(" + after, "+", 10_000);
            if (page.Length == 0)
                return count;
            count += page.Length;
            after = page[^1].Id;
        }
    }

    private static string ServiceContentRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TalentMesh.sln")))
            directory = directory.Parent;
        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("TalentMesh.sln not found"), "services", "Evaluation");
    }

    /// <summary>
    /// The one-time count of talents per tier from every stored evaluation (data from before the counter): the counter
    /// the seeding moved evaluation by evaluation is marked incomplete and counted again by the script; both must agree.
    /// </summary>
    private static async Task TierCountAsync(ServiceHost<ServiceProgram> host, IConnectionMultiplexer connection, CpuMeter cpu, int talents, TimeSpan baseline)
    {
        var scores = host.Services.GetRequiredService<ScoreStore>();
        var incremental = await scores.TierCountsAsync();
        await connection.GetDatabase().HashDeleteAsync(host.Services.GetRequiredService<RedisKeyspace>().Key("tier-counts"), "built");
        await cpu.StartAsync();
        var watch = Stopwatch.StartNew();
        var counted = await scores.EnsureTierCountsAsync();
        Report("tier counts from every stored evaluation (one script)", talents, watch.Elapsed);
        Console.WriteLine(await cpu.ReportAsync(talents, "talent"));
        Console.WriteLine($"  count time / bare-read time = {watch.Elapsed / baseline:P1}");
        Goal("the script's count equals the counter moved evaluation by evaluation", counted && incremental.SequenceEqual(await scores.TierCountsAsync()));
    }

    private static async Task<TimeSpan> BareReadAsync(FactsStore facts, int talents)
    {
        var watch = Stopwatch.StartNew();
        var cursor = "";
        var read = 0;
        while (true)
        {
            var ids = await facts.TalentIdsAfterAsync(cursor, 500);
            if (ids.Length == 0)
                break;
            read += (await facts.LoadManyAsync(ids)).Length;
            cursor = ids[^1];
        }
        return read == talents ? watch.Elapsed : throw new InvalidOperationException($"read {read} of {talents}");
    }

    /// <summary>The same fixed-rate probe through <see cref="EchoRelay"/>: this machine's floor at this moment.</summary>
    private static async Task<List<Trip>> EchoLatencyAsync(string connectionString, BenchmarkSettings settings, int count)
    {
        var (from, to) = (Prefix + "echo-in", Prefix + "echo-out");
        await using (var setup = await ConnectionMultiplexer.ConnectAsync(connectionString))
            await setup.GetDatabase().StreamAddAsync(to, "data", "start");
        using var stop = new CancellationTokenSource();
        var echo = EchoRelay.RunAsync(connectionString, from, to, stop.Token);
        await Task.Delay(500); // the relay's first blocking read is in place
        var trips = await new FixedRateProbe(connectionString, settings.Rate, count).RunAsync(from, i => (Seeding.TalentId(i), Encoding.ASCII.GetBytes(Seeding.TalentId(i))),
            to, data => (Encoding.ASCII.GetString(data), null), TimeSpan.FromSeconds(settings.Seconds + 60));
        await stop.CancelAsync();
        await echo;
        return trips;
    }

    /// <summary>
    /// Fixed-rate credential.verified events (a patent each: +5 points, so every one changes the result), timed to their
    /// talent.evaluated. The event's occurred_at (the service's clock when it evaluated, after the handler's reads) and
    /// the topic entry's id (Redis's clock when the relay wrote it) split each trip into stages.
    /// </summary>
    private static Task<List<Trip>> ServiceLatencyAsync(string connectionString, BenchmarkSettings settings, int count, bool warmUp = false)
    {
        var type = EventCatalog.For<CredentialVerified>();
        var evaluatedType = EventCatalog.For<TalentEvaluated>();
        var verifiedTopic = Prefix + "credential.verified";
        return new FixedRateProbe(connectionString, settings.Rate, count).RunAsync(verifiedTopic, i =>
        {
            // The warm-up takes talents from the other end, with credentials of its own.
            var talentId = Seeding.TalentId(warmUp ? settings.Talents - 1 - i : i);
            var verified = new CredentialVerified
            {
                TalentId = talentId,
                CredentialId = warmUp ? $"{talentId}-patent-warm-up" : $"{talentId}-patent",
                CredentialType = CredentialType.Patent,
                Attributes = new CredentialAttributes { Patent = new PatentAttributes { Kind = PatentKind.Invention, PatentNumber = $"ZL{i}", GrantedDate = Seeding.Date(new DateOnly(2024, 1, 1)) } },
                OccurredAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
            };
            var outgoing = new OutgoingEvent(Guid.CreateVersion7().ToString(), type.CloudEventType, DateTimeOffset.UtcNow, ProtobufJson.Format(verified), null, null);
            return (talentId, CloudEventCodec.Encode(outgoing, "registration", "pubsub", verifiedTopic).ToArray());
        }, Prefix + "talent.evaluated", data =>
        {
            var incoming = CloudEventCodec.Decode(data, evaluatedType.Topic, 1);
            var evaluated = (TalentEvaluated)evaluatedType.ParseJson(incoming.DataJson);
            return evaluated.Trigger == EvaluationTrigger.CredentialVerified
                ? (evaluated.TalentId, (evaluated.OccurredAt.ToDateTimeOffset() - DateTimeOffset.UnixEpoch).TotalMilliseconds)
                : null;
        }, TimeSpan.FromSeconds(settings.Seconds + 60));
    }

    private static void ReportLatency(string what, List<Trip> trips, int expected)
    {
        var total = new Percentiles(trips.Select(t => t.TotalMs));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what} ({trips.Count:N0} events): p50 {total.At(0.5):F1} ms, p90 {total.At(0.9):F1} ms, p99 {total.At(0.99):F1} ms, max {total.Max:F1} ms"));
        if (trips.Count < expected)
            Console.WriteLine($"  FAILED: {expected - trips.Count} of {expected} events got no answer in time");
    }

    /// <summary>Where the time of a trip goes: up to the service's evaluation, from there onto the topic, from there to the reader.</summary>
    private static void ReportStages(List<Trip> trips)
    {
        var marked = trips.Where(t => t.MarkAtMs is not null).ToList();
        void Stage(string name, Func<Trip, double> of)
        {
            var stage = new Percentiles(marked.Select(of));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {name,-78} p50 {stage.At(0.5),7:F1}  p99 {stage.At(0.99),7:F1}  max {stage.Max,7:F1} ms"));
        }
        Console.WriteLine("  stages (wall clocks; the topic entry's time has millisecond resolution):");
        Stage("sent → evaluated (stream, consumer read, inbox check, handler's reads)", t => t.MarkAtMs!.Value - t.SentAtMs);
        Stage("evaluated → on the topic (evaluation, boundary, commit, relay)", t => t.OnStreamAtMs - t.MarkAtMs!.Value);
        Stage("on the topic → read by the benchmark", t => t.ReadAtMs - t.OnStreamAtMs);
    }

    private static void Report(string what, long talents, TimeSpan elapsed) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what,-55} {talents,9:N0} talents {elapsed.TotalSeconds,8:F2} s {talents / elapsed.TotalSeconds,10:N0} /s"));

    private static void Goal(string goal, bool met) => Console.WriteLine($"  goal {goal}: {(met ? "MET" : "MISS")}");
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Evaluation.V1;
using TalentMesh.Contracts.Events.V1;
using TalentMesh.EventBus.Events;
using TalentMesh.Evaluation.Facts;
using TalentMesh.Evaluation.Rules;
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
            configure: s => s["EventBus:MaxLenApprox"] = "10000000",
            services: registrations => registrations.AddSingleton(TimeProvider.System));
        var connection = host.Redis;
        var admin = ServiceHost<ServiceProgram>.Call(host.Token("admin", "bench"), TimeSpan.FromMinutes(10));
        var ruleSets = new RuleSetService.RuleSetServiceClient(host.Channel);
        Console.WriteLine($"Evaluation benchmark: {settings.Talents:N0} talents, {Environment.ProcessorCount} cores");

        var watch = Stopwatch.StartNew();
        await Seeding.SeedAsync(host.Services, settings.Talents);
        Report("seed (facts + evaluation + event per talent)", settings.Talents, watch.Elapsed);

        var baseline = await BareReadAsync(host.Services.GetRequiredService<FactsStore>(), settings.Talents);
        Report("baseline: bare read of every talent's facts", settings.Talents, baseline);

        // The default's worked examples expect a doctorate to earn 25; the candidate drops them.
        var shipped = ShippedRuleSets.Json(ShippedRuleSets.HighTechZone);
        var examples = shipped.IndexOf(",\n  \"examples\": [", StringComparison.Ordinal);
        var candidate = (examples < 0 ? shipped : shipped[..examples] + "\n}\n")
            .Replace("\"doctor\": 25", "\"doctor\": 30", StringComparison.Ordinal).Replace("\"version\": \"2025.1\"", "\"version\": \"bench\"", StringComparison.Ordinal);
        watch.Restart();
        var preview = await ruleSets.PreviewRuleSetAsync(new PreviewRuleSetRequest { Document = candidate }, admin);
        var previewTime = watch.Elapsed;
        Report("PreviewRuleSet", preview.TalentsEvaluated, previewTime);
        Console.WriteLine($"  moved up {preview.MovedUp:N0}, down {preview.MovedDown:N0}, gained tier {preview.GainedTier:N0}, lost tier {preview.LostTier:N0}");

        var topic = Prefix + "talent.evaluated";
        var before = (await connection.GetDatabase().StreamInfoAsync(topic)).LastEntry.Id;
        watch.Restart();
        await ruleSets.PublishRuleSetAsync(new PublishRuleSetRequest { Document = candidate, ExpectedHash = preview.Hash, IdempotencyKey = "bench" }, admin);
        Rollout rollout;
        do
        {
            await Task.Delay(50);
            rollout = await ruleSets.GetRolloutAsync(new GetRolloutRequest { Hash = preview.Hash }, admin);
        }
        while (rollout.State == RolloutState.Running);
        var rolloutTime = watch.Elapsed;
        while (await CountAfterAsync(connection.GetDatabase(), topic, before) < rollout.Changed)
            await Task.Delay(20);
        var rolloutWithEvents = watch.Elapsed;
        Report("rollout: every talent re-evaluated and committed", rollout.Done, rolloutTime);
        Report("rollout: + every changed result on the topic stream", rollout.Done, rolloutWithEvents);
        Console.WriteLine($"  changed {rollout.Changed:N0}; rollout rate / bare-read rate = {baseline / rolloutWithEvents:P1}");
        Goal("preview < 10 s", previewTime < TimeSpan.FromSeconds(10));
        Goal("rollout < 60 s", rolloutWithEvents < TimeSpan.FromSeconds(60));

        var latencies = await LatencyAsync(connection, settings);
        var percentiles = new Percentiles(latencies);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"credential.verified → talent.evaluated at {settings.Rate}/s for {settings.Seconds} s ({latencies.Count:N0} events): p50 {percentiles.At(0.5):F1} ms, p99 {percentiles.At(0.99):F1} ms, max {percentiles.Max:F1} ms"));
        Goal("p99 < 20 ms", percentiles.At(0.99) < 20);
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

    /// <summary>Fixed-rate credential.verified events (a patent each: +5 points, so every one changes the result), timed to their talent.evaluated.</summary>
    private static async Task<List<double>> LatencyAsync(IConnectionMultiplexer connection, BenchmarkSettings settings)
    {
        var count = Math.Min(settings.Rate * settings.Seconds, settings.Talents);
        var sent = new ConcurrentDictionary<string, long>();
        var latencies = new List<double>(count);
        var database = connection.GetDatabase();
        var evaluatedTopic = Prefix + "talent.evaluated";
        var verifiedTopic = Prefix + "credential.verified";
        var type = EventCatalog.For<CredentialVerified>();
        var evaluatedType = EventCatalog.For<TalentEvaluated>();
        var last = (await database.StreamInfoAsync(evaluatedTopic)).LastEntry.Id;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(settings.Seconds + 60));
        var reader = Task.Run(async () =>
        {
            // A dedicated connection, polled every millisecond (XREAD without BLOCK): arrival times within ~1 ms.
            await using var polling = await ConnectionMultiplexer.ConnectAsync(connection.Configuration);
            var db = polling.GetDatabase();
            while (latencies.Count < count && !stop.IsCancellationRequested)
            {
                var entries = await db.StreamReadAsync(evaluatedTopic, last, 1000);
                var now = Stopwatch.GetTimestamp();
                if (entries.Length == 0)
                {
                    await Task.Delay(1);
                    continue;
                }
                foreach (var entry in entries)
                {
                    last = entry.Id;
                    var incoming = CloudEventCodec.Decode((byte[])entry["data"]!, evaluatedType.Topic, 1);
                    var evaluated = (TalentEvaluated)evaluatedType.ParseJson(incoming.DataJson);
                    if (evaluated.Trigger == EvaluationTrigger.CredentialVerified && sent.TryRemove(evaluated.TalentId, out var at))
                        latencies.Add(Stopwatch.GetElapsedTime(at, now).TotalMilliseconds);
                }
            }
        });
        var interval = TimeSpan.FromSeconds(1.0 / settings.Rate);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var due = interval * i;
            var wait = due - Stopwatch.GetElapsedTime(start);
            if (wait > TimeSpan.FromMilliseconds(1))
                await Task.Delay(wait);
            var talentId = Seeding.TalentId(i);
            var verified = new CredentialVerified
            {
                TalentId = talentId,
                CredentialId = $"{talentId}-patent",
                CredentialType = CredentialType.Patent,
                Attributes = new CredentialAttributes { Patent = new PatentAttributes { Kind = PatentKind.Invention, PatentNumber = $"ZL{i}", GrantedDate = Seeding.Date(new DateOnly(2024, 1, 1)) } },
                OccurredAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
            };
            var outgoing = new OutgoingEvent(Guid.CreateVersion7().ToString(), type.CloudEventType, DateTimeOffset.UtcNow, ProtobufJson.Format(verified), null, null);
            sent[talentId] = Stopwatch.GetTimestamp();
            _ = database.StreamAddAsync(verifiedTopic, "data", CloudEventCodec.Encode(outgoing, "registration", "pubsub", verifiedTopic).ToArray(), flags: CommandFlags.FireAndForget);
        }
        await reader;
        if (latencies.Count < count)
            Console.WriteLine($"  FAILED: {count - latencies.Count} of {count} events produced no talent.evaluated in time");
        return latencies;
    }

    private static void Report(string what, long talents, TimeSpan elapsed) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what,-55} {talents,9:N0} talents {elapsed.TotalSeconds,8:F2} s {talents / elapsed.TotalSeconds,10:N0} /s"));

    private static void Goal(string goal, bool met) => Console.WriteLine($"  goal {goal}: {(met ? "MET" : "MISS")}");
}

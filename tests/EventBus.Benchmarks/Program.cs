using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Google.Protobuf;
using StackExchange.Redis;
using TalentMesh.EventBus.Benchmarks;
using TalentMesh.EventBus.Benchmarks.Protos;
using TalentMesh.EventBus.Events;
using TalentMesh.EventBus.Transport;
using TalentMesh.Testing;

// Throughput and latency of the event bus over the redis transport, side by side, in one run on one server, with raw
// Redis Streams (the physical ceiling) and a hand-written baseline doing the same work (state + event committed
// together, parsed, effect + inbox marker committed together). Every wait has a deadline: the program ends by itself,
// non-zero when events never arrive.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

const double RatioGoal = 0.50;
const double P99GoalMs = 25.0;
const int PayloadBytes = 1024;
const string ProducerAppId = "bench-producer";
const string ConsumerAppId = "bench-consumer";

BenchmarkSettings settings;
try
{
    settings = BenchmarkSettings.Parse(args);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 2;
}

try
{
    await using var server = settings.Redis is null ? await RedisServer.StartNewAsync() : null;
    var connection = server?.ConnectionString ?? $"{settings.Redis},abortConnect=false,connectTimeout=2000";
    var prefix = $"bench-{Guid.NewGuid():N}"[..14] + ":";
    var maxLen = Math.Max(100_000L, 2L * Math.Max(settings.Events, settings.Rate * settings.Seconds));
    var padding = BusBenchmark.PaddingFor(PayloadBytes);

    await using var admin = await ConnectionMultiplexer.ConnectAsync(connection + ",allowAdmin=true");
    var redisVersion = admin.GetServers().FirstOrDefault()?.Version.ToString() ?? "?";
    var eventType = EventCatalog.For<BenchmarkHappened>();
    var topicStream = prefix + eventType.Topic;
    var sample = BusBenchmark.NewEvent("throughput", 10_000, Stopwatch.GetTimestamp(), padding);
    var payload = Encoding.UTF8.GetBytes(JsonFormatter.Default.Format(sample));
    var envelope = CloudEventCodec.Encode(new OutgoingEvent(Guid.CreateVersion7().ToString(), eventType.CloudEventType,
        DateTimeOffset.UtcNow, JsonFormatter.Default.Format(sample), null, null), ProducerAppId, "pubsub", topicStream);
    var sameWork = new SameWorkOptions(KeyPrefix: prefix + "same-work:", TopicStream: prefix + "same-work:" + eventType.Topic,
        Source: ProducerAppId, eventType.CloudEventType, PubSubName: "pubsub", padding, maxLen,
        InboxRetentionSeconds: (long)BenchHost.InboxRetention.TotalSeconds);
    var sameWorkEnvelope = new SameWorkCloudEvent("1.0", Guid.CreateVersion7().ToString(), ProducerAppId, eventType.CloudEventType,
        DateTimeOffset.UtcNow, "application/json", (string)sameWork.TopicStream!, "pubsub", "",
        new SameWorkPayload(sample.Run, sample.Sequence, sample.ScheduledAt, padding)).Encode();

    Console.WriteLine("TalentMesh event bus benchmark (redis transport): raw Streams, same-work baseline and the bus, one run, one Redis");
    Console.WriteLine($"  machine     {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, GC {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}");
    Console.WriteLine($"  redis       {redisVersion} at {connection.Split(',')[0]}{(server is null ? " (external)" : " (private redis-server, no persistence)")}");
    Console.WriteLine($"  payload     event JSON {payload.Length:N0} B; CloudEvent on the topic stream {envelope.Length:N0} B (bus), {sameWorkEnvelope.Length:N0} B (same-work baseline)");
    Console.WriteLine($"  runs        throughput {settings.Events:N0} events ({settings.Concurrency} commits in flight), latency {settings.Rate:N0}/s for {settings.Seconds} s, warm-up {settings.WarmupEvents:N0}, {settings.Consumers} consumer host(s){(settings.Quick ? " [quick]" : "")}");
    if (settings.BusOptions.Count > 0)
        Console.WriteLine($"  bus options {string.Join(", ", settings.BusOptions.Select(pair => $"{pair.Key}={pair.Value}"))}");
    Console.WriteLine();

    var throughputDeadline = TimeSpan.FromSeconds(Math.Max(60, settings.Events / 500.0));
    var latencyDeadline = TimeSpan.FromSeconds(settings.Seconds + 60);
    var cpu = new CpuMeter(admin.GetServers()[0]);

    // 1. Raw Redis Streams.
    Console.WriteLine("1. Raw Redis Streams (the physical ceiling): pipelined XADD (batches of 100) ‖ XREADGROUP COUNT 100 + XACK");
    var raw = new RawStreamsBenchmark(connection, prefix, cpu);
    await raw.RunAsync("warmup", settings.WarmupEvents, payload, maxLen, throughputDeadline);
    var rawResult = await raw.RunAsync("measure", settings.Events, payload, maxLen, throughputDeadline);
    Console.WriteLine($"   {rawResult.Events:N0} events in {rawResult.Elapsed.TotalSeconds:0.000} s = {rawResult.EventsPerSecond,10:N0} events/s");
    Console.WriteLine($"   {rawResult.Cpu}");
    Console.WriteLine();

    // 2. The same work written by hand.
    Console.WriteLine("2. Same-work baseline, hand-written: Lua commit (state + XADD) → topic stream → XREADGROUP → parse → Lua commit (effect + inbox marker, SET NX) → XACK");
    ThroughputResult baselineResult;
    LatencyResult baselineLatency;
    await using (var baseline = await SameWorkBaseline.StartAsync(connection, sameWork, new DeliveryRecorder(), cpu))
    {
        await baseline.ThroughputAsync("warmup", settings.WarmupEvents, settings.Concurrency, throughputDeadline);
        baselineResult = await baseline.ThroughputAsync("throughput", settings.Events, settings.Concurrency, throughputDeadline);
        PrintThroughput(baselineResult);
        baselineLatency = await baseline.FixedRateAsync("latency", settings.Rate, settings.Seconds, latencyDeadline);
        PrintLatency(baselineLatency, settings.Rate, settings.Seconds);
    }
    Console.WriteLine();

    // 3. The event bus between two hosts in this process.
    var recorder = new DeliveryRecorder();
    BusThroughputResult busResult;
    LatencyResult latency;
    var consumers = new List<BenchHost>();
    try
    {
        for (var i = 0; i < settings.Consumers; i++)
            consumers.Add(await BenchHost.StartAsync(connection, ConsumerAppId, prefix + "consumer:", prefix, maxLen, settings.BusOptions, recorder));
        await using var producer = await BenchHost.StartAsync(connection, ProducerAppId, prefix + "producer:", prefix, maxLen, settings.BusOptions, null);
        var bus = new BusBenchmark(producer, recorder, padding, admin.GetDatabase(), topicStream, cpu);
        Console.WriteLine("3. Event bus end to end: commit (state + event on the topic stream) → consumer → handler commit (state + inbox)");
        await bus.ThroughputAsync("warmup", settings.WarmupEvents, settings.Concurrency, throughputDeadline);
        busResult = await bus.ThroughputAsync("throughput", settings.Events, settings.Concurrency, throughputDeadline);
        PrintThroughput(busResult.Run);
        Console.WriteLine($"   stages: by the producer's last commit {busResult.PublishedAtLastCommit:N0} were on the topic stream and the handler had committed {busResult.Run.HandledAtLastCommit:N0}");
        await bus.SettleAsync(StreamGroups.ForApp(ConsumerAppId), TimeSpan.FromSeconds(30));
        latency = await bus.FixedRateAsync("latency", settings.Rate, settings.Seconds, latencyDeadline);
        PrintLatency(latency, settings.Rate, settings.Seconds);
        Console.WriteLine();
    }
    finally
    {
        foreach (var consumer in consumers)
            await consumer.DisposeAsync();
    }

    // 4. Each stage alone, and the serialization inside them.
    Console.WriteLine("4. Where the bus's cost goes: each stage alone on the backlog the previous one left");
    var stages = await new StageBenchmark(connection, prefix + "stages:", padding, maxLen, settings.BusOptions, cpu)
        .RunAsync(settings.Events, settings.Concurrency, throughputDeadline);
    foreach (var stage in stages)
        Console.WriteLine($"   {stage.Stage,-9} {stage.EventsPerSecond,10:N0} events/s   {stage.Cpu}");
    Console.WriteLine($"   sum of the stages: {stages.Sum(stage => stage.Cpu.ProcessMicroseconds):0} µs .NET + {stages.Sum(stage => stage.Cpu.RedisMicroseconds):0} µs redis-server per event (same-work baseline end to end: {baselineResult.Cpu.ProcessMicroseconds:0} + {baselineResult.Cpu.RedisMicroseconds:0} µs; raw Redis Streams: {rawResult.Cpu.ProcessMicroseconds:0} + {rawResult.Cpu.RedisMicroseconds:0} µs)");
    Console.WriteLine("   serialization per event, one thread, steady state:");
    foreach (var cost in SerializationCosts.Run(padding))
        Console.WriteLine($"     {cost.Step,-52} {cost.Microseconds,6:0.0} µs {cost.AllocatedBytes,8:N0} B allocated");
    Console.WriteLine();

    if (server is null)
        await DeleteKeysAsync(admin, prefix);

    var busRun = busResult.Run;
    var ratioToBaseline = busRun.EventsPerSecond / baselineResult.EventsPerSecond;
    var ratioToRaw = busRun.EventsPerSecond / rawResult.EventsPerSecond;
    var p99 = latency.LatencyMs.At(0.99);
    string Verdict(bool met) => met ? "PASS" : "MISS";
    string Row(string name, double eventsPerSecond, CpuCost cost) =>
        $"  {name,-32} {eventsPerSecond,10:N0}   {cost.ProcessMicroseconds,4:0} + {cost.RedisMicroseconds,3:0} µs";
    static double Total(CpuCost cost) => cost.ProcessMicroseconds + cost.RedisMicroseconds;
    string RatioRow(string name, double ratio, string note) => $"  {name,-32} {ratio,10:P1}   {note}";
    string LatencyRow(string name, LatencyResult run) =>
        $"  {name,-32} {run.LatencyMs.At(0.50),7:0.00} {run.LatencyMs.At(0.90),7:0.00} {run.LatencyMs.At(0.99),7:0.00} {run.LatencyMs.Max,7:0.00} ms   (handled {run.HandledRate:N0}/s)";
    Console.WriteLine("=================================== Summary ===================================");
    Console.WriteLine($"  {$"throughput, {settings.Events:N0} events each",-32} {"events/s",10}   CPU per event (.NET + redis-server)");
    Console.WriteLine(Row("1. raw Redis Streams (ceiling)", rawResult.EventsPerSecond, rawResult.Cpu));
    Console.WriteLine(Row("2. same-work baseline", baselineResult.EventsPerSecond, baselineResult.Cpu));
    Console.WriteLine(Row("3. event bus end to end", busRun.EventsPerSecond, busRun.Cpu));
    Console.WriteLine(RatioRow("ratio bus / same-work baseline", ratioToBaseline, $"goal ≥ {RatioGoal:P0}   {Verdict(ratioToBaseline >= RatioGoal)}"));
    Console.WriteLine(RatioRow("  same, by CPU per event", Total(baselineResult.Cpu) / Total(busRun.Cpu), "baseline CPU / bus CPU: steadier when neighbours load the cores"));
    Console.WriteLine(RatioRow("ratio bus / raw Redis Streams", ratioToRaw, "the physical ceiling (no goal)"));
    Console.WriteLine(RatioRow("ratio baseline / raw Streams", baselineResult.EventsPerSecond / rawResult.EventsPerSecond, "what the semantics cost without a bus"));
    Console.WriteLine($"  {$"commit → handler @ {settings.Rate:N0}/s",-32} {"p50",7} {"p90",7} {"p99",7} {"max",7}");
    Console.WriteLine(LatencyRow("2. same-work baseline", baselineLatency));
    Console.WriteLine(LatencyRow("3. event bus", latency));
    Console.WriteLine($"  {"bus p99",-32} {p99,7:0.00} ms   goal < {P99GoalMs:0} ms   {Verdict(p99 < P99GoalMs)}");
    Console.WriteLine($"  {$"CPU per event @ {settings.Rate:N0}/s",-32} baseline {baselineLatency.Cpu.ProcessMicroseconds:0} + {baselineLatency.Cpu.RedisMicroseconds:0} µs, bus {latency.Cpu.ProcessMicroseconds:0} + {latency.Cpu.RedisMicroseconds:0} µs: baseline / bus {Total(baselineLatency.Cpu) / Total(latency.Cpu):P1}");
    if (busRun.Duplicates + latency.Duplicates + baselineResult.Duplicates + baselineLatency.Duplicates > 0)
        Console.WriteLine($"  redelivered duplicates seen by a handler: bus {busRun.Duplicates + latency.Duplicates:N0}, baseline {baselineResult.Duplicates + baselineLatency.Duplicates:N0} (counted once)");
    Console.WriteLine("===============================================================================");
    return 0;
}
catch (Exception exception)
{
    Console.Error.WriteLine();
    Console.Error.WriteLine($"FAILED: {exception.GetType().Name}: {exception.Message}");
    return 1;
}

static async Task DeleteKeysAsync(ConnectionMultiplexer admin, string prefix)
{
    var database = admin.GetDatabase();
    foreach (var endpoint in admin.GetEndPoints())
    {
        var keys = new List<RedisKey>();
        await foreach (var key in admin.GetServer(endpoint).KeysAsync(pattern: prefix + "*", pageSize: 1000))
        {
            keys.Add(key);
            if (keys.Count == 1000)
            {
                await database.KeyDeleteAsync([.. keys]);
                keys.Clear();
            }
        }
        if (keys.Count > 0)
            await database.KeyDeleteAsync([.. keys]);
    }
}

static void PrintThroughput(ThroughputResult run)
{
    Console.WriteLine($"   throughput {run.Events:N0} events in {run.Elapsed.TotalSeconds:0.000} s = {run.EventsPerSecond,10:N0} events/s (all committed after {run.CommitPhase.TotalSeconds:0.000} s, {run.CommitsPerSecond:N0} commits/s)");
    Console.WriteLine($"   {run.Cpu}");
    Console.WriteLine($"   commit → handler under saturation (queueing included): p50 {run.LatencyMs.At(0.5):0} ms, max {run.LatencyMs.Max:0} ms");
}

static void PrintLatency(LatencyResult run, int rate, int seconds)
{
    Console.WriteLine($"   latency at a fixed {rate:N0} events/s for {seconds} s (open loop, from the scheduled commit time):");
    Console.WriteLine($"   commit → handler commit   p50 {run.LatencyMs.At(0.50),7:0.00} ms   p90 {run.LatencyMs.At(0.90),7:0.00} ms   p99 {run.LatencyMs.At(0.99),7:0.00} ms   max {run.LatencyMs.Max,7:0.00} ms");
    Console.WriteLine($"   commit alone              p50 {run.CommitMs.At(0.50),7:0.00} ms   p90 {run.CommitMs.At(0.90),7:0.00} ms   p99 {run.CommitMs.At(0.99),7:0.00} ms   max {run.CommitMs.Max,7:0.00} ms");
    Console.WriteLine($"   {run.Cpu} (whole run, unsaturated)");
    Console.WriteLine($"   rate: issued {run.IssuedRate:N0}/s, committed {run.CommittedRate:N0}/s, handled {run.HandledRate:N0}/s ({run.Events:N0} events)");
}

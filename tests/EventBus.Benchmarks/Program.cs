using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Google.Protobuf;
using StackExchange.Redis;
using TalentMesh.EventBus.Benchmarks;
using TalentMesh.EventBus.Benchmarks.Protos;
using TalentMesh.EventBus.Events;
using TalentMesh.EventBus.Outbox;
using TalentMesh.Testing;

// Throughput and latency of the event bus over the redis transport, side by side with raw Redis Streams on the same
// server. Every wait has a deadline: the program ends by itself, non-zero when events never arrive.
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

    Console.WriteLine("TalentMesh event bus benchmark (redis transport)");
    Console.WriteLine($"  machine     {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, GC {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}");
    Console.WriteLine($"  redis       {redisVersion} at {connection.Split(',')[0]}{(server is null ? " (external)" : " (private redis-server, no persistence)")}");
    Console.WriteLine($"  payload     event JSON {payload.Length:N0} B; CloudEvent on the topic stream {envelope.Length:N0} B");
    Console.WriteLine($"  runs        throughput {settings.Events:N0} events ({settings.Concurrency} commits in flight), latency {settings.Rate:N0}/s for {settings.Seconds} s, warm-up {settings.WarmupEvents:N0}, {settings.Consumers} consumer host(s){(settings.Quick ? " [quick]" : "")}");
    if (settings.BusOptions.Count > 0)
        Console.WriteLine($"  bus options {string.Join(", ", settings.BusOptions.Select(pair => $"{pair.Key}={pair.Value}"))}");
    Console.WriteLine();

    var throughputDeadline = TimeSpan.FromSeconds(Math.Max(60, settings.Events / 500.0));

    // 1. Raw Redis Streams.
    Console.WriteLine("1. Raw Redis Streams: pipelined XADD (batches of 100) ‖ XREADGROUP COUNT 100 + XACK");
    var cpu = new CpuMeter(admin.GetServers()[0]);
    var raw = new RawStreamsBenchmark(connection, prefix, cpu);
    await raw.RunAsync("warmup", settings.WarmupEvents, payload, maxLen, throughputDeadline);
    var rawResult = await raw.RunAsync("measure", settings.Events, payload, maxLen, throughputDeadline);
    Console.WriteLine($"   {rawResult.Events:N0} events in {rawResult.Elapsed.TotalSeconds:0.000} s = {rawResult.EventsPerSecond,10:N0} events/s");
    Console.WriteLine($"   {rawResult.Cpu}");
    Console.WriteLine();

    // 2. + 4. The event bus between two hosts in this process.
    var recorder = new DeliveryRecorder();
    BusThroughputResult busResult;
    BusLatencyResult latency;
    var consumers = new List<BenchHost>();
    try
    {
        for (var i = 0; i < settings.Consumers; i++)
            consumers.Add(await BenchHost.StartAsync(connection, ConsumerAppId, prefix + "consumer:", prefix, maxLen, settings.BusOptions, recorder));
        await using var producer = await BenchHost.StartAsync(connection, ProducerAppId, prefix + "producer:", prefix, maxLen, settings.BusOptions, null);
        var bus = new BusBenchmark(producer, recorder, padding, admin.GetDatabase(), topicStream, cpu);
        Console.WriteLine("2. Event bus end to end: commit (state + outbox) → relay → topic stream → consumer → handler commit (state + inbox)");
        await bus.ThroughputAsync("warmup", settings.WarmupEvents, settings.Concurrency, throughputDeadline);
        busResult = await bus.ThroughputAsync("throughput", settings.Events, settings.Concurrency, throughputDeadline);
        Console.WriteLine($"   {busResult.Events:N0} events in {busResult.Elapsed.TotalSeconds:0.000} s = {busResult.EventsPerSecond,10:N0} events/s");
        Console.WriteLine($"   stages: the producer committed all in {busResult.CommitPhase.TotalSeconds:0.000} s ({busResult.CommitsPerSecond:N0} commits/s); by then the relay had published {busResult.RelayedAtLastCommit:N0} and the handler committed {busResult.HandledAtLastCommit:N0}");
        Console.WriteLine($"   {busResult.Cpu}");
        Console.WriteLine($"   commit → handler under saturation (queueing included): p50 {busResult.LatencyMs.At(0.5):0} ms, max {busResult.LatencyMs.Max:0} ms");
        Console.WriteLine();

        Console.WriteLine($"4. Latency at a fixed rate of {settings.Rate:N0} events/s for {settings.Seconds} s (open loop, from the scheduled commit time)");
        await bus.SettleAsync(ConsumerAppId, TimeSpan.FromSeconds(30));
        latency = await bus.FixedRateAsync("latency", settings.Rate, settings.Seconds, TimeSpan.FromSeconds(settings.Seconds + 60));
        Console.WriteLine($"   commit → handler commit   p50 {latency.LatencyMs.At(0.50),7:0.00} ms   p90 {latency.LatencyMs.At(0.90),7:0.00} ms   p99 {latency.LatencyMs.At(0.99),7:0.00} ms   max {latency.LatencyMs.Max,7:0.00} ms");
        Console.WriteLine($"   commit alone              p50 {latency.CommitMs.At(0.50),7:0.00} ms   p90 {latency.CommitMs.At(0.90),7:0.00} ms   p99 {latency.CommitMs.At(0.99),7:0.00} ms   max {latency.CommitMs.Max,7:0.00} ms");
        Console.WriteLine($"   rate: issued {latency.IssuedRate:N0}/s, committed {latency.CommittedRate:N0}/s, handled {latency.HandledRate:N0}/s ({latency.Events:N0} events)");
        Console.WriteLine();
    }
    finally
    {
        foreach (var consumer in consumers)
            await consumer.DisposeAsync();
    }

    // 5. Each stage alone, and the serialization inside them.
    Console.WriteLine("5. Where the cost goes: each stage alone on the backlog the previous one left");
    var stages = await new StageBenchmark(connection, prefix + "stages:", padding, maxLen, settings.BusOptions, admin.GetDatabase(), cpu)
        .RunAsync(settings.Events, settings.Concurrency, throughputDeadline);
    foreach (var stage in stages)
        Console.WriteLine($"   {stage.Stage,-9} {stage.EventsPerSecond,10:N0} events/s   {stage.Cpu}");
    Console.WriteLine($"   sum of the stages: {stages.Sum(stage => stage.Cpu.ProcessMicroseconds):0} µs .NET + {stages.Sum(stage => stage.Cpu.RedisMicroseconds):0} µs redis-server per event (raw Redis Streams: {rawResult.Cpu.ProcessMicroseconds + rawResult.Cpu.RedisMicroseconds:0} µs)");
    Console.WriteLine("   serialization per event, one thread, steady state:");
    foreach (var cost in SerializationCosts.Run(padding))
        Console.WriteLine($"     {cost.Step,-36} {cost.Microseconds,6:0.0} µs");
    Console.WriteLine();

    if (server is null)
        await DeleteKeysAsync(admin, prefix);

    var ratio = busResult.EventsPerSecond / rawResult.EventsPerSecond;
    var p99 = latency.LatencyMs.At(0.99);
    string Verdict(bool met) => met ? "PASS" : "MISS";
    Console.WriteLine("================================ Summary ================================");
    Console.WriteLine($"  raw Redis Streams            {rawResult.EventsPerSecond,10:N0} events/s");
    Console.WriteLine($"  event bus end to end         {busResult.EventsPerSecond,10:N0} events/s");
    Console.WriteLine($"  3. ratio bus / raw           {ratio,10:P1}        goal ≥ {RatioGoal:P0}     {Verdict(ratio >= RatioGoal)}");
    Console.WriteLine($"  latency @ {settings.Rate:N0}/s  p50       {latency.LatencyMs.At(0.50),10:0.00} ms");
    Console.WriteLine($"                        p90       {latency.LatencyMs.At(0.90),10:0.00} ms");
    Console.WriteLine($"                        p99       {p99,10:0.00} ms     goal < {P99GoalMs:0} ms    {Verdict(p99 < P99GoalMs)}");
    Console.WriteLine($"                        max       {latency.LatencyMs.Max,10:0.00} ms");
    Console.WriteLine($"  achieved rate (handled)      {latency.HandledRate,10:N0} events/s (target {settings.Rate:N0})");
    if (busResult.Duplicates + latency.Duplicates > 0)
        Console.WriteLine($"  redelivered duplicates seen by the handler: {busResult.Duplicates + latency.Duplicates:N0} (counted once)");
    Console.WriteLine("=========================================================================");
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

using System.Diagnostics;
using StackExchange.Redis;
using TalentMesh.EventBus.Outbox;

namespace TalentMesh.EventBus.Benchmarks;

/// <summary>
/// The same work as the event bus, written by hand with no bus around it, on the same Redis: what the bus's
/// semantics cost at least, so the bus is measured against its guarantees rather than against a loop that keeps none.
/// Producer: one Lua script commits the state write and XADDs the CloudEvent to the topic stream (no outbox, no
/// relay). Consumer: XREADGROUP, parse the CloudEvent JSON, one Lua script commits the effect and the inbox marker
/// (skipped when the marker exists), XACK. Each connection is its own, as each host has its own.
/// </summary>
public sealed class SameWorkBaseline : IAsyncDisposable
{
    private const string Group = "same-work";
    private const int ReadCount = 100;

    /// <summary>KEYS: state key, topic stream. ARGV: state value, MAXLEN ~ cap, CloudEvent JSON.</summary>
    private static readonly RedisScript CommitScript = new("""
        redis.call('SET', KEYS[1], ARGV[1])
        return redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], '*', 'data', ARGV[3])
        """);

    /// <summary>KEYS: inbox marker, effect counter. ARGV: marker lifetime in seconds. 1 = committed, 0 = already processed.</summary>
    private static readonly RedisScript HandleScript = new("""
        if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then
          return 0
        end
        redis.call('INCR', KEYS[2])
        return 1
        """);

    private readonly ConnectionMultiplexer producer, consumer, reader;
    private readonly SameWorkOptions options;
    private readonly DeliveryRecorder recorder;
    private readonly CpuMeter cpu;
    private readonly RedisKey stream, counter;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task consuming;

    private SameWorkBaseline(ConnectionMultiplexer producer, ConnectionMultiplexer consumer, ConnectionMultiplexer reader,
        SameWorkOptions options, DeliveryRecorder recorder, CpuMeter cpu)
    {
        (this.producer, this.consumer, this.reader, this.options, this.recorder, this.cpu) = (producer, consumer, reader, options, recorder, cpu);
        stream = options.TopicStream;
        counter = options.KeyPrefix + "handled";
        consuming = ConsumeAsync(stopping.Token);
    }

    public static async Task<SameWorkBaseline> StartAsync(string redisConnection, SameWorkOptions options, DeliveryRecorder recorder, CpuMeter cpu)
    {
        var producer = await ConnectionMultiplexer.ConnectAsync(redisConnection);
        var consumer = await ConnectionMultiplexer.ConnectAsync(redisConnection);
        var readerOptions = ConfigurationOptions.Parse(redisConnection);
        readerOptions.Protocol = RedisProtocol.Resp2;
        var reader = await ConnectionMultiplexer.ConnectAsync(readerOptions);
        await consumer.GetDatabase().StreamCreateConsumerGroupAsync(options.TopicStream, Group, "0", createStream: true);
        return new SameWorkBaseline(producer, consumer, reader, options, recorder, cpu);
    }

    /// <summary>Closed loop at saturation, as the bus's throughput run (one state key per caller).</summary>
    public Task<ThroughputResult> ThroughputAsync(string run, int events, int concurrency, TimeSpan deadline)
    {
        var record = recorder.Start(run, events);
        var stateKeys = Enumerable.Range(0, concurrency).Select(worker => (RedisKey)(options.KeyPrefix + $"state:{worker}")).ToArray();
        return ClosedLoopProducer.MeasureAsync(record, events, concurrency,
            (worker, sequence) => CommitAsync(run, sequence, Stopwatch.GetTimestamp(), stateKeys[worker]),
            cpu, deadline, $"Same-work baseline throughput ({run})");
    }

    /// <summary>Open loop at a fixed rate, as the bus's latency run (every commit to one state key).</summary>
    public Task<LatencyResult> FixedRateAsync(string run, int rate, int seconds, TimeSpan deadline)
    {
        var record = recorder.Start(run, checked(rate * seconds));
        RedisKey stateKey = options.KeyPrefix + "state:latency";
        return FixedRateProducer.RunAsync(record, rate, seconds,
            (sequence, scheduled) => CommitAsync(run, sequence, scheduled, stateKey), cpu, deadline, $"Same-work baseline latency ({run})");
    }

    /// <summary>An API call's work: the state write and the event in one script.</summary>
    private async Task CommitAsync(string run, long sequence, long scheduledAt, RedisKey stateKey)
    {
        var cloudEvent = new SameWorkCloudEvent("1.0", Guid.CreateVersion7().ToString(), options.Source, options.CloudEventType,
            DateTimeOffset.UtcNow, "application/json", (string)stream!, options.PubSubName, TraceParent: "",
            new SameWorkPayload(run, sequence, scheduledAt, options.Padding));
        await CommitScript.EvaluateAsync(producer.GetDatabase(), [stateKey, stream], [sequence, options.MaxLenApprox, cloudEvent.Encode()]);
    }

    /// <summary>Reads a batch, handles its entries concurrently (their scripts share the pipe), then acknowledges the batch.</summary>
    private async Task ConsumeAsync(CancellationToken stop)
    {
        await Task.Yield();
        var groupReader = new StreamGroupReader(reader.GetDatabase(), stream, Group, "same-work-consumer", ReadCount, blockMilliseconds: 100);
        var database = consumer.GetDatabase();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var entries = await groupReader.ReadAsync();
                if (entries.Length == 0)
                    continue;
                var handled = new Task[entries.Length];
                var ids = new RedisValue[entries.Length];
                for (var i = 0; i < entries.Length; i++)
                {
                    ids[i] = entries[i].Id;
                    handled[i] = HandleAsync(database, entries[i].Data);
                }
                await Task.WhenAll(handled);
                await database.StreamAcknowledgeAsync(stream, Group, ids);
            }
        }
        catch (Exception exception) when (!stop.IsCancellationRequested)
        {
            // The run then fails on its deadline naming the missing events; this says why they are missing.
            Console.Error.WriteLine($"Same-work consumer stopped: {exception}");
            throw;
        }
    }

    private async Task HandleAsync(IDatabase database, RedisValue data)
    {
        var cloudEvent = SameWorkCloudEvent.Decode(((ReadOnlyMemory<byte>)data).Span);
        if (cloudEvent.Type != options.CloudEventType)
            throw new InvalidDataException($"Event {cloudEvent.Id} has type {cloudEvent.Type}, not {options.CloudEventType}.");
        var committed = (int)await HandleScript.EvaluateAsync(database,
            [options.KeyPrefix + "inbox:" + cloudEvent.Id, counter], [options.InboxRetentionSeconds]);
        if (committed == 1)
            recorder.Record(cloudEvent.Data.Run, cloudEvent.Data.Sequence, cloudEvent.Data.ScheduledAt, Stopwatch.GetTimestamp());
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        try
        {
            await consuming;
        }
        catch (Exception) when (consuming.IsFaulted)
        {
            // Already reported when it happened; the run that needed it has failed on its deadline.
        }
        stopping.Dispose();
        await Task.WhenAll(producer.DisposeAsync().AsTask(), consumer.DisposeAsync().AsTask(), reader.DisposeAsync().AsTask());
    }
}

/// <summary>Where the baseline writes and what it puts into each CloudEvent (the same as the bus's hosts).</summary>
public sealed record SameWorkOptions(string KeyPrefix, RedisKey TopicStream, string Source, string CloudEventType, string PubSubName,
    string Padding, long MaxLenApprox, long InboxRetentionSeconds);

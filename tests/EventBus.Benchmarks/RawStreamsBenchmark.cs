using System.Diagnostics;
using StackExchange.Redis;

namespace TalentMesh.EventBus.Benchmarks;

public sealed record RawResult(int Events, TimeSpan Elapsed, CpuCost Cpu)
{
    public double EventsPerSecond => Events / Elapsed.TotalSeconds;
}

/// <summary>
/// The ceiling: plain Redis Streams on the same server with the same payloads and no bus around them. A producer
/// pipelines XADD (MAXLEN ~, as the bus does) in batches; concurrently a consumer on its own connection loops
/// XREADGROUP COUNT 100 BLOCK → XACK, the minimal at-least-once consumer.
/// </summary>
public sealed class RawStreamsBenchmark(string redisConnection, string keyPrefix, CpuMeter cpu)
{
    private const int BatchSize = 100;
    private const int BatchesInFlight = 4;
    private const string Group = "raw";

    public async Task<RawResult> RunAsync(string name, int events, byte[] payload, long maxLenApprox, TimeSpan deadline)
    {
        var stream = keyPrefix + "raw:" + name;
        await using var producerConnection = await ConnectionMultiplexer.ConnectAsync(redisConnection);
        var consumerOptions = ConfigurationOptions.Parse(redisConnection);
        consumerOptions.Protocol = RedisProtocol.Resp2;
        await using var consumerConnection = await ConnectionMultiplexer.ConnectAsync(consumerOptions);
        var producerDb = producerConnection.GetDatabase();
        await producerDb.StreamCreateConsumerGroupAsync(stream, Group, "0", createStream: true);

        using var timeout = new CancellationTokenSource(deadline);
        var cpuBefore = await cpu.SampleAsync();
        var started = Stopwatch.GetTimestamp();
        var consumer = ConsumeAsync(consumerConnection.GetDatabase(), stream, events, timeout.Token);
        await ProduceAsync(producerDb, stream, events, payload, maxLenApprox);
        long finished;
        try
        {
            finished = await consumer;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Raw streams ({name}): the consumer did not read all {events:N0} entries within {deadline.TotalSeconds:0} s.");
        }
        var cpuAfter = await cpu.SampleAsync();
        await producerDb.KeyDeleteAsync(stream);
        return new RawResult(events, Stopwatch.GetElapsedTime(started, finished), cpuAfter.PerEventSince(cpuBefore, events));
    }

    private static async Task ProduceAsync(IDatabase database, string stream, int events, byte[] payload, long maxLenApprox)
    {
        var inFlight = new Queue<Task>();
        for (var sent = 0; sent < events; sent += BatchSize)
        {
            var count = Math.Min(BatchSize, events - sent);
            var adds = new Task[count];
            for (var i = 0; i < count; i++)
                adds[i] = database.StreamAddAsync(stream, "data", payload, maxLength: maxLenApprox, useApproximateMaxLength: true);
            inFlight.Enqueue(Task.WhenAll(adds));
            if (inFlight.Count >= BatchesInFlight)
                await inFlight.Dequeue();
        }
        await Task.WhenAll(inFlight);
    }

    /// <summary>Returns the Stopwatch timestamp at which the last entry was acknowledged.</summary>
    private static async Task<long> ConsumeAsync(IDatabase database, string stream, int events, CancellationToken cancellationToken)
    {
        var reader = new StreamGroupReader(database, stream, Group, "raw-consumer", BatchSize, blockMilliseconds: 100);
        var received = 0;
        long bytes = 0;
        while (received < events)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var entries = await reader.ReadAsync();
            if (entries.Length == 0)
                continue;
            var ids = new RedisValue[entries.Length];
            for (var i = 0; i < entries.Length; i++)
            {
                ids[i] = entries[i].Id;
                bytes += ((ReadOnlyMemory<byte>)entries[i].Data).Length;
            }
            await database.StreamAcknowledgeAsync(stream, Group, ids);
            received += entries.Length;
        }
        GC.KeepAlive(bytes);
        return Stopwatch.GetTimestamp();
    }
}

using StackExchange.Redis;

namespace TalentMesh.Evaluation.Benchmarks;

/// <summary>
/// The latency baseline: the least a service can do with an event — a blocking read of one stream and a write of the
/// same payload to another, on a connection of its own. Driven like the service (<see cref="FixedRateProbe"/>), its
/// percentiles are what this machine's scheduling and Redis cost at that moment, with no service logic.
/// </summary>
public static class EchoRelay
{
    public static Task RunAsync(string connectionString, string from, string to, CancellationToken stop) => Task.Run(async () =>
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.Protocol = RedisProtocol.Resp2;
        options.AsyncTimeout = options.SyncTimeout = 5_000;
        await using var connection = await ConnectionMultiplexer.ConnectAsync(options);
        var database = connection.GetDatabase();
        RedisValue last = "$";
        while (!stop.IsCancellationRequested)
        {
            var reply = await database.ExecuteAsync("XREAD", "COUNT", 1000, "BLOCK", 200, "STREAMS", from, last);
            if (reply.IsNull)
                continue;
            var writes = new List<Task>();
            foreach (var entry in (RedisResult[])((RedisResult[])((RedisResult[])reply!)[0]!)[1]!)
            {
                var parts = (RedisResult[])entry!;
                last = (RedisValue)parts[0];
                writes.Add(database.StreamAddAsync(to, "data", ((RedisValue[])parts[1]!)[1]));
            }
            await Task.WhenAll(writes);
        }
    });
}

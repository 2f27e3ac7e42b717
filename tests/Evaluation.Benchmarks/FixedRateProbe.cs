using System.Collections.Concurrent;
using System.Diagnostics;
using StackExchange.Redis;

namespace TalentMesh.Evaluation.Benchmarks;

/// <summary>One event's trip: total milliseconds, and the wall-clock instants (unix ms) of its stages where known.</summary>
public sealed record Trip(double TotalMs, double SentAtMs, double? MarkAtMs, double OnStreamAtMs, double ReadAtMs);

/// <summary>
/// An open-loop driver and a blocking reader, each on a connection of its own (never the service's): writes
/// <c>count</c> entries to one stream at a fixed rate and times each to its answer on another stream. The reader
/// blocks in XREAD (no polling), so an answer is seen the moment it is written and the probe costs one read per burst.
/// </summary>
public sealed class FixedRateProbe(string connectionString, int rate, int count)
{
    /// <summary>
    /// <paramref name="make"/> builds entry i (its key and payload); <paramref name="answer"/> maps an entry of the
    /// answer stream to the key it answers and an optional stage mark (unix ms), or null for an entry to ignore.
    /// </summary>
    public async Task<List<Trip>> RunAsync(string sendStream, Func<int, (string Key, byte[] Payload)> make,
        string answerStream, Func<byte[], (string Key, double? MarkAtMs)?> answer, TimeSpan timeout)
    {
        var sent = new ConcurrentDictionary<string, (long Ticks, double WallMs)>();
        var trips = new List<Trip>(count);
        await using var writer = await ConnectionMultiplexer.ConnectAsync(connectionString);
        await using var blocking = await ConnectAsync(connectionString);
        var start = (await writer.GetDatabase().StreamInfoAsync(answerStream)).LastEntry.Id;
        using var stop = new CancellationTokenSource(timeout);
        var reader = Task.Run(async () =>
        {
            var last = start;
            while (trips.Count < count && !stop.IsCancellationRequested)
            {
                var reply = await blocking.GetDatabase().ExecuteAsync("XREAD", "COUNT", 1000, "BLOCK", 200, "STREAMS", answerStream, last);
                var now = Stopwatch.GetTimestamp();
                var nowWall = WallMs();
                if (reply.IsNull)
                    continue;
                foreach (var entry in (RedisResult[])((RedisResult[])((RedisResult[])reply!)[0]!)[1]!)
                {
                    var parts = (RedisResult[])entry!;
                    last = (RedisValue)parts[0];
                    var fields = (RedisValue[])parts[1]!;
                    if (answer((byte[])fields[1]!) is not { } answered || !sent.TryRemove(answered.Key, out var at))
                        continue;
                    trips.Add(new Trip(Stopwatch.GetElapsedTime(at.Ticks, now).TotalMilliseconds, at.WallMs, answered.MarkAtMs,
                        IdMilliseconds(last), nowWall));
                }
            }
        });
        var database = writer.GetDatabase();
        var interval = TimeSpan.FromSeconds(1.0 / rate);
        var begun = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var wait = interval * i - Stopwatch.GetElapsedTime(begun);
            if (wait > TimeSpan.FromMilliseconds(1))
                await Task.Delay(wait);
            var (key, payload) = make(i);
            sent[key] = (Stopwatch.GetTimestamp(), WallMs());
            _ = database.StreamAddAsync(sendStream, "data", payload, flags: CommandFlags.FireAndForget);
        }
        await reader;
        return trips;
    }

    /// <summary>A reader connection whose timeouts outlast a blocking read.</summary>
    private static async Task<ConnectionMultiplexer> ConnectAsync(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.Protocol = RedisProtocol.Resp2;
        options.AsyncTimeout = options.SyncTimeout = 5_000;
        return await ConnectionMultiplexer.ConnectAsync(options);
    }

    /// <summary>The wall clock in unix milliseconds, with the fraction (stage marks compare instants of several processes).</summary>
    public static double WallMs() => (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;

    /// <summary>The Redis clock's unix ms at which the entry was added (the first part of its id).</summary>
    private static double IdMilliseconds(RedisValue id) => long.Parse(((string)id!).Split('-')[0], System.Globalization.CultureInfo.InvariantCulture);
}

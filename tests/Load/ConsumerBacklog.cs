using StackExchange.Redis;

namespace TalentMesh.Load;

/// <summary>
/// Each consumer group's backlog on a private mesh's topic streams, read once a second (XINFO GROUPS: entries not yet
/// delivered to the group plus entries delivered and not yet acknowledged), and the largest since the last progress
/// line. It tells which hop a surge in the workflows in flight sits on: the services' RPCs can stay fast while one
/// consumer falls behind.
/// </summary>
public sealed class ConsumerBacklog : IAsyncDisposable
{
    private readonly IDatabase database;
    private readonly IReadOnlyList<RedisKey> streams;
    private readonly int prefixLength;
    private readonly Dictionary<string, long> intervalMax = new(StringComparer.Ordinal);
    private readonly PeriodicLoop loop;

    private ConsumerBacklog(IDatabase database, IReadOnlyList<RedisKey> streams, int prefixLength)
    {
        this.database = database;
        this.streams = streams;
        this.prefixLength = prefixLength;
        loop = new PeriodicLoop(TimeSpan.FromSeconds(1), _ => ReadAsync());
    }

    /// <summary>
    /// Starts watching the streams under <paramref name="keyPrefix"/>. The services create their groups' streams at
    /// start-up (XGROUP CREATE … MKSTREAM), so before the load the prefix holds those and nothing else to scan.
    /// </summary>
    public static async Task<ConsumerBacklog> StartAsync(IConnectionMultiplexer redis, string keyPrefix)
    {
        var database = redis.GetDatabase();
        var streams = new List<RedisKey>();
        foreach (var server in redis.GetServers())
        {
            await foreach (var key in server.KeysAsync(pattern: keyPrefix + "*"))
            {
                if (await database.KeyTypeAsync(key) == RedisType.Stream)
                    streams.Add(key);
            }
        }
        return new ConsumerBacklog(database, streams, keyPrefix.Length);
    }

    /// <summary>The groups whose backlog reached 10 entries since the last call ("topic→group max"), and resets.</summary>
    public string TakeIntervalMax()
    {
        lock (intervalMax)
        {
            var busy = intervalMax.Where(g => g.Value >= 10).OrderByDescending(g => g.Value).Select(g => $"{g.Key} {g.Value:N0}").ToList();
            intervalMax.Clear();
            return busy.Count == 0 ? "consumers keeping up" : "consumer backlog: " + string.Join(", ", busy);
        }
    }

    /// <summary>One reading: every stream's groups asked for together (one round trip), then the interval maxima raised.</summary>
    private async Task ReadAsync()
    {
        var readings = streams.Select(async stream =>
        {
            try
            {
                return (Stream: stream, Groups: await database.StreamGroupInfoAsync(stream).ConfigureAwait(false));
            }
            catch (RedisException)
            {
                return (Stream: stream, Groups: Array.Empty<StreamGroupInfo>()); // a busy or restarting Redis: the next reading counts
            }
        }).ToList();
        foreach (var (stream, groups) in await Task.WhenAll(readings).ConfigureAwait(false))
        {
            lock (intervalMax)
            {
                foreach (var group in groups)
                {
                    // Groups are named after the app id, e.g. "registration.redis-transport": the app is enough here.
                    var name = $"{stream.ToString()[prefixLength..]}→{group.Name.Split('.')[0]}";
                    var backlog = group.PendingMessageCount + (group.Lag ?? 0);
                    intervalMax[name] = Math.Max(intervalMax.GetValueOrDefault(name), backlog);
                }
            }
        }
    }

    public ValueTask DisposeAsync() => loop.DisposeAsync();
}

using System.Globalization;
using StackExchange.Redis;

namespace TalentMesh.Load;

/// <summary>How many keys a Redis database holds, and how many of them carry a TTL (each set is one hash table).</summary>
public sealed record KeyCount(long Keys, long Expires)
{
    /// <summary>
    /// The sizes at which Redis 7.0 doubles a table between <paramref name="before"/> and <paramref name="after"/>: a
    /// table of 2^n buckets grows to 2^(n+1) when it holds 2^n entries, then rehashes. Both the main table (every key)
    /// and the expires table (keys with a TTL) count.
    /// </summary>
    public static IReadOnlyList<string> DoublingsBetween(KeyCount before, KeyCount after)
    {
        var crossed = new List<string>();
        foreach (var (name, from, to) in new[] { ("keys", before.Keys, after.Keys), ("keys with a TTL", before.Expires, after.Expires) })
        {
            for (var size = 4L; size <= to; size *= 2)
            {
                if (size > from)
                    crossed.Add($"{size.ToString("N0", CultureInfo.InvariantCulture)} {name}");
            }
        }
        return crossed;
    }

    /// <summary>Database 0's counts from <c>INFO keyspace</c> ("db0:keys=…,expires=…,avg_ttl=…"), an admin command in StackExchange.Redis.</summary>
    public static async Task<KeyCount> ReadAsync(IServer server)
    {
        var db0 = (await server.InfoAsync("keyspace")).SelectMany(group => group).FirstOrDefault(pair => pair.Key == "db0").Value;
        if (db0 is null)
            return new KeyCount(0, 0);
        var fields = db0.Split(',').Select(field => field.Split('=')).ToDictionary(pair => pair[0], pair => long.Parse(pair[1], CultureInfo.InvariantCulture));
        return new KeyCount(fields["keys"], fields["expires"]);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Keys:N0} keys ({Expires:N0} with a TTL)");
}

/// <summary>
/// Fills a private mesh's Redis with keys no service reads, so that the run starts from a store of a zone's size rather
/// than an empty one. Redis grows its tables by doubling them; from empty, the 90 s of a run cross two doublings of the
/// main table (at 262,144 and 524,288 keys, the run writes ~26 per workflow), and on this machine every surge of the
/// backlog in session 11's runs from an empty store began at one of them (docs/benchmarks.md, "Session 11"). A zone's store crosses a
/// doubling once per doubling of its data; a benchmark that crosses two a minute measures something a zone rarely meets.
/// </summary>
public static class KeyspaceFiller
{
    /// <summary>Outside every mesh's key prefix, so no service and no scan of a mesh's keys ever meets them.</summary>
    public const string KeyPrefix = "load-filler:";

    private const int BatchSize = 10_000;

    /// <summary>
    /// Writes <paramref name="count"/> one-byte keys, every other one with a TTL of ten days (so that the expires table
    /// is of a zone's size too), in pipelined batches.
    /// </summary>
    public static async Task FillAsync(IConnectionMultiplexer redis, long count, CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        var ttl = TimeSpan.FromDays(10);
        for (var start = 0L; start < count; start += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = database.CreateBatch();
            var writes = new List<Task>(BatchSize);
            for (var i = start; i < Math.Min(start + BatchSize, count); i++)
                writes.Add(batch.StringSetAsync(KeyPrefix + i.ToString(CultureInfo.InvariantCulture), "x", i % 2 == 0 ? new Expiration(ttl) : Expiration.Default));
            batch.Execute();
            await Task.WhenAll(writes);
        }
    }
}

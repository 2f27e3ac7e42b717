using System.Globalization;
using StackExchange.Redis;
using TalentMesh.Testing;

namespace TalentMesh.Load;

/// <summary>
/// One service's garbage collections over the whole run (the runtime's counters at its /metrics), the event bus's
/// conflict retries (a handler that lost an optimistic race runs again, after a backoff from the second retry on) and
/// redeliveries (an entry reclaimed after the processing timeout): either delays the events behind a workflow; and the
/// topic whose deliveries took longest (<see cref="SlowestHandling"/>).
/// </summary>
public sealed record ServiceStalls(string Service, double PauseSeconds, long Collections, long Gen2Collections, long ConflictRetries, long Redelivered,
    EventHandling? SlowestHandling);

/// <summary>
/// One topic's deliveries in a service and the bucket bound its p99 lies under (talentmesh.events.handling.duration;
/// infinity when it lies beyond the last bound).
/// </summary>
public sealed record EventHandling(string Topic, long Deliveries, double P99AtMostSeconds);

/// <summary>
/// What stalls a run now and then, read from a private mesh after the run (warm-up included): each service's GC pauses
/// and event retries (<see cref="ServiceStalls"/>), and the commands that took 10 ms or more inside redis-server (its
/// SLOWLOG, which keeps the last 128; counted by command name) — Redis runs
/// one command at a time, so a redis-server descheduled in the middle of a microsecond command holds up every
/// service. A run that misses its p99 usually shows one stall (the p99.9 at the maximum); these say where it came from.
/// </summary>
public sealed record StallSources(IReadOnlyList<ServiceStalls> Services, int SlowCommands, double SlowestCommandMs, string SlowCommandNames)
{
    private const string PauseSeconds = "dotnet_gc_pause_time_seconds_total";
    private const string Collections = "dotnet_gc_collections_total";
    private const string ConflictRetries = "talentmesh_events_conflict_retries_total";
    private const string Redelivered = "talentmesh_events_redelivered_total";
    private const string HandlingBucket = "talentmesh_events_handling_duration_seconds_bucket";

    /// <summary>Reads each service's /metrics (<paramref name="services"/>, by process name) and the SLOWLOG of the redis-server on <paramref name="redisPort"/>.</summary>
    public static async Task<StallSources> ReadAsync(IReadOnlyList<(string Name, HttpClient Http)> services, int redisPort, CancellationToken cancellationToken)
    {
        var stalls = new List<ServiceStalls>();
        foreach (var (name, http) in services)
            stalls.Add(Parse(name, await PrometheusSample.ScrapeAsync(http, cancellationToken)));
        // SLOWLOG is an admin command in StackExchange.Redis: a connection of its own that allows it.
        await using var admin = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redisPort},allowAdmin=true");
        var slow = await admin.GetServer($"127.0.0.1:{redisPort}").SlowlogGetAsync(128);
        // Which commands they were: a commit script or a bulk read that is slow by itself shows as one name many times.
        var names = string.Join(", ", slow.GroupBy(c => c.Arguments.Length == 0 ? "?" : c.Arguments[0].ToString()!.ToUpperInvariant())
            .OrderByDescending(g => g.Count()).Select(g => $"{g.Key} ×{g.Count()}"));
        return new StallSources(stalls, slow.Length, slow.Length == 0 ? 0 : slow.Max(c => c.Duration.TotalMilliseconds), names);
    }

    /// <summary>The pause total, the collection counts, the event retries and the slowest topic from the Prometheus text of one service.</summary>
    public static ServiceStalls Parse(string service, string metrics)
    {
        double pause = 0;
        long collections = 0, gen2 = 0, conflictRetries = 0, redelivered = 0;
        // Cumulative bucket counts by topic and upper bound, summed over outcomes.
        var handling = new Dictionary<(string Topic, double Bound), long>();
        foreach (var sample in PrometheusSample.Read(metrics))
        {
            switch (sample.Name)
            {
                case PauseSeconds:
                    pause += sample.Value;
                    break;
                case Collections:
                    collections += (long)sample.Value;
                    if (sample.Label("gc_heap_generation") == "gen2")
                        gen2 += (long)sample.Value;
                    break;
                case ConflictRetries:
                    conflictRetries += (long)sample.Value;
                    break;
                case Redelivered:
                    redelivered += (long)sample.Value;
                    break;
                case HandlingBucket when sample.Label("topic") is { } topic && sample.Label("le") is { } le:
                    var bound = le == "+Inf" ? double.PositiveInfinity : double.Parse(le, CultureInfo.InvariantCulture);
                    handling[(topic, bound)] = handling.GetValueOrDefault((topic, bound)) + (long)sample.Value;
                    break;
            }
        }
        return new ServiceStalls(service, pause, collections, gen2, conflictRetries, redelivered, Slowest(handling));
    }

    /// <summary>
    /// The topic with the highest p99 bound (the first bound whose cumulative count reaches 99 % of the deliveries) among
    /// those with at least <see cref="BusyTopic"/> deliveries, if any: a policy's one publication, matched against every
    /// talent, is slow and rare, and says nothing about the workflow's hops.
    /// </summary>
    private static EventHandling? Slowest(Dictionary<(string Topic, double Bound), long> buckets)
    {
        var topics = buckets.GroupBy(bucket => bucket.Key.Topic)
            .Select(topic =>
            {
                var cumulative = topic.OrderBy(bucket => bucket.Key.Bound).ToList();
                var deliveries = cumulative[^1].Value;
                return new EventHandling(topic.Key, deliveries, cumulative.First(bucket => bucket.Value >= 0.99 * deliveries).Key.Bound);
            })
            .Where(topic => topic.Deliveries > 0)
            .ToList();
        var busy = topics.Where(topic => topic.Deliveries >= BusyTopic).ToList();
        return (busy.Count > 0 ? busy : topics).OrderByDescending(topic => topic.P99AtMostSeconds).ThenByDescending(topic => topic.Deliveries).FirstOrDefault();
    }

    private const long BusyTopic = 100;
}

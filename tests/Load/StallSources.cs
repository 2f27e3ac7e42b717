using System.Globalization;
using StackExchange.Redis;
using TalentMesh.Testing.Mesh;

namespace TalentMesh.Load;

/// <summary>
/// One service's garbage collections over the whole run (the runtime's counters at its /metrics), and the event bus's
/// conflict retries (a handler that lost an optimistic race runs again, after a backoff from the second retry on) and
/// redeliveries (an entry reclaimed after the processing timeout): either delays the events behind a workflow.
/// </summary>
public sealed record ServiceStalls(string Service, double PauseSeconds, long Collections, long Gen2Collections, long ConflictRetries, long Redelivered);

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

    public static async Task<StallSources> ReadAsync(Mesh mesh, CancellationToken cancellationToken)
    {
        var services = new List<ServiceStalls>();
        foreach (var service in mesh.Services)
            services.Add(Parse(service.Project.ToLowerInvariant(), await service.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative), cancellationToken)));
        // SLOWLOG is an admin command in StackExchange.Redis: a connection of its own that allows it.
        await using var admin = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{mesh.Redis.Port},allowAdmin=true");
        var slow = await admin.GetServer($"127.0.0.1:{mesh.Redis.Port}").SlowlogGetAsync(128);
        // Which commands they were: a commit script or a bulk read that is slow by itself shows as one name many times.
        var names = string.Join(", ", slow.GroupBy(c => c.Arguments.Length == 0 ? "?" : c.Arguments[0].ToString()!.ToUpperInvariant())
            .OrderByDescending(g => g.Count()).Select(g => $"{g.Key} ×{g.Count()}"));
        return new StallSources(services, slow.Length, slow.Length == 0 ? 0 : slow.Max(c => c.Duration.TotalMilliseconds), names);
    }

    /// <summary>The pause total and the collection counts from the Prometheus text of one service.</summary>
    public static ServiceStalls Parse(string service, string metrics)
    {
        double pause = 0;
        long collections = 0, gen2 = 0, conflictRetries = 0, redelivered = 0;
        foreach (var line in metrics.Split('\n'))
        {
            var space = line.LastIndexOf(' ');
            if (line.StartsWith('#') || space < 0)
                continue;
            var value = line[(space + 1)..].Trim();
            if (line.StartsWith(PauseSeconds + "{", StringComparison.Ordinal) || line.StartsWith(PauseSeconds + " ", StringComparison.Ordinal))
                pause += double.Parse(value, CultureInfo.InvariantCulture);
            else if (line.StartsWith(Collections + "{", StringComparison.Ordinal))
            {
                var count = (long)double.Parse(value, CultureInfo.InvariantCulture);
                collections += count;
                if (line.Contains("gc_heap_generation=\"gen2\"", StringComparison.Ordinal))
                    gen2 += count;
            }
            else if (line.StartsWith(ConflictRetries + "{", StringComparison.Ordinal))
                conflictRetries += (long)double.Parse(value, CultureInfo.InvariantCulture);
            else if (line.StartsWith(Redelivered + "{", StringComparison.Ordinal))
                redelivered += (long)double.Parse(value, CultureInfo.InvariantCulture);
        }
        return new ServiceStalls(service, pause, collections, gen2, conflictRetries, redelivered);
    }
}

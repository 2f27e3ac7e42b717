using System.Diagnostics;

namespace TalentMesh.Load;

/// <summary>A <see cref="GcEventListener"/> on each service of the target, and what they saw in the window.</summary>
public sealed class GcEventListeners : IAsyncDisposable
{
    private readonly List<(string Service, GcEventListener Listener)> listeners;

    private GcEventListeners(List<(string, GcEventListener)> listeners) => this.listeners = listeners;

    /// <summary>Listens to every service among <paramref name="processes"/>; if one cannot be reached, stops those already started.</summary>
    public static async Task<GcEventListeners> StartAsync(IEnumerable<WatchedProcess> processes)
    {
        var started = new GcEventListeners([]);
        try
        {
            foreach (var process in processes.Where(p => p.IsService))
                started.listeners.Add((process.Name, GcEventListener.Start(process.ProcessId)));
            return started;
        }
        catch
        {
            await started.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops every session and summarizes each service's collections against the run's window.</summary>
    public async Task<IReadOnlyList<GcCollectionSummary>> SummarizeAsync(RunResult result)
    {
        var (windowStart, windowEnd) = (Utc(result.WindowStart), Utc(result.WindowEnd));
        var summaries = new List<GcCollectionSummary>();
        foreach (var (service, listener) in listeners)
            summaries.Add(GcCollectionSummary.Of(service, await listener.StopAsync(), windowStart, windowEnd));
        return summaries;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, listener) in listeners)
            await listener.DisposeAsync();
    }

    /// <summary>The wall-clock time of a Stopwatch timestamp (the events carry wall-clock times; the run, Stopwatch ones).</summary>
    private static DateTime Utc(long timestamp) => DateTime.UtcNow - Stopwatch.GetElapsedTime(timestamp);
}

using System.Diagnostics;

namespace TalentMesh.Load;

/// <summary>A <see cref="GcEventListener"/> on each service of the target, and what they saw in the window.</summary>
public sealed class GcEventListeners : IAsyncDisposable
{
    private readonly IReadOnlyList<(string Service, GcEventListener Listener)> listeners;

    private GcEventListeners(IReadOnlyList<(string, GcEventListener)> listeners) => this.listeners = listeners;

    public static GcEventListeners Start(IEnumerable<WatchedProcess> processes) =>
        new([.. processes.Where(p => p.IsService).Select(p => (p.Name, GcEventListener.Start(p.ProcessId)))]);

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

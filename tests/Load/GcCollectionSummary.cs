namespace TalentMesh.Load;

/// <summary>A service's collections of one generation at one heap count, within the window.</summary>
public sealed record GcCollectionGroup(int Generation, int Heaps, int Count, double MeanPauseMs, double MaxPauseMs, double MeanSuspendMs, double MeanSurvivedGen0Mb);

/// <summary>Where a heap count began to hold, in seconds from the window's start (negative: before it).</summary>
public sealed record HeapCountChange(double AtSeconds, int Heaps);

/// <summary>The stretch of the window in which a service was paused longest, and how its collections looked there.</summary>
public sealed record PausedStretch(double FromSeconds, double ToSeconds, int Count, double PauseMs, double SuspendMs, double MeanSurvivedGen0Mb);

/// <summary>
/// What a service's collections (<see cref="GcEventListener"/>) say about the measured window: by generation and heap
/// count, when DATAS changed the heap count and when gen 2 was collected over the whole run (a spell early in the window
/// may follow one in the warm-up), and the stretch of <see cref="Stretch"/> in which the service was paused longest —
/// where a miss's spell shows.
/// </summary>
public sealed record GcCollectionSummary(string Service, IReadOnlyList<GcCollectionGroup> Groups, IReadOnlyList<HeapCountChange> HeapCounts,
    IReadOnlyList<double> Gen2AtSeconds, PausedStretch? MostPaused)
{
    /// <summary>The length of the stretches compared for <see cref="MostPaused"/>: the progress lines' interval.</summary>
    public static readonly TimeSpan Stretch = TimeSpan.FromSeconds(5);

    public static GcCollectionSummary Of(string service, IReadOnlyList<GcCollection> collections, DateTime windowStartUtc, DateTime windowEndUtc)
    {
        double FromStart(GcCollection collection) => (collection.EndedUtc - windowStartUtc).TotalSeconds;
        var inWindow = collections.Where(c => c.EndedUtc >= windowStartUtc && c.EndedUtc < windowEndUtc).ToList();
        var groups = inWindow.GroupBy(c => (c.Generation, c.Heaps)).OrderBy(g => g.Key)
            .Select(g => new GcCollectionGroup(g.Key.Generation, g.Key.Heaps, g.Count(), g.Average(c => c.PauseMs), g.Max(c => c.PauseMs), g.Average(c => c.SuspendMs), g.Average(c => c.SurvivedGen0Mb)))
            .ToList();
        var changes = new List<HeapCountChange>();
        foreach (var collection in collections)
        {
            if (changes.Count == 0 || changes[^1].Heaps != collection.Heaps)
                changes.Add(new HeapCountChange(FromStart(collection), collection.Heaps));
        }
        var gen2At = collections.Where(c => c.Generation == 2).Select(FromStart).ToList();
        var mostPaused = inWindow.GroupBy(c => (int)(FromStart(c) / Stretch.TotalSeconds))
            .Select(g => new PausedStretch(g.Key * Stretch.TotalSeconds, (g.Key + 1) * Stretch.TotalSeconds, g.Count(), g.Sum(c => c.PauseMs), g.Sum(c => c.SuspendMs), g.Average(c => c.SurvivedGen0Mb)))
            .OrderByDescending(s => s.PauseMs).ThenBy(s => s.FromSeconds)
            .FirstOrDefault();
        return new GcCollectionSummary(service, groups, changes, gen2At, mostPaused);
    }
}

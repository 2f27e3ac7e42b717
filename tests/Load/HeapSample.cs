using TalentMesh.Testing;

namespace TalentMesh.Load;

/// <summary>
/// A service's managed heap as its latest garbage collection left it (the runtime's gauges at /metrics): the memory the
/// GC had committed, and generation 2 with the large-object heap, where whatever outlives the young generations ends
/// up until a full collection. Beside the process's RSS it says what grew: the objects the service keeps (gen 2 + LOH
/// growing) or the room the GC takes around them (committed growing while gen 2 + LOH stay).
/// </summary>
public readonly record struct HeapSample(long Timestamp, long CommittedBytes, long OldGenerationBytes)
{
    private const string Committed = "dotnet_gc_last_collection_memory_committed_size_bytes";
    private const string HeapSize = "dotnet_gc_last_collection_heap_size_bytes";

    /// <summary>The sample in a service's Prometheus text; null before its first collection (no committed gauge yet).</summary>
    public static HeapSample? Parse(long timestamp, string metrics)
    {
        long? committed = null;
        long old = 0;
        foreach (var sample in PrometheusSample.Read(metrics))
        {
            if (sample.Name == Committed)
                committed = (long)sample.Value;
            else if (sample.Name == HeapSize && sample.Label("gc_heap_generation") is "gen2" or "loh")
                old += (long)sample.Value;
        }
        return committed is { } bytes ? new HeapSample(timestamp, bytes, old) : null;
    }
}

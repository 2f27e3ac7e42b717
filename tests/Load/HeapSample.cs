using TalentMesh.Testing;

namespace TalentMesh.Load;

/// <summary>
/// A service's managed heap as its latest garbage collection left it (the runtime's gauges at /metrics): the memory the
/// GC had committed, and generation 2 with the large-object heap, where whatever outlives the young generations ends
/// up until a full collection, with the free space inside them. Beside the process's RSS it says what grew: the objects
/// the service keeps (the live part of gen 2 + LOH growing) or the room the GC takes around them (committed growing, or
/// free space within gen 2 + LOH, while the live part stays). With it the bytes the service has allocated since it
/// started: between two samples, the work its requests and events gave the GC, which this VM's CPU accounting cannot
/// tell apart (docs/benchmarks.md, "Session 19").
/// </summary>
public readonly record struct HeapSample(long Timestamp, long CommittedBytes, long OldGenerationBytes, long OldGenerationFreeBytes, long AllocatedBytes)
{
    private const string Committed = "dotnet_gc_last_collection_memory_committed_size_bytes";
    private const string HeapSize = "dotnet_gc_last_collection_heap_size_bytes";
    private const string Fragmentation = "dotnet_gc_last_collection_heap_fragmentation_size_bytes";
    private const string Allocated = "dotnet_gc_heap_total_allocated_bytes_total";

    /// <summary>
    /// Gen 2 + LOH without their free space: the objects a service holds there, plus whatever died in them since the
    /// last full collection. A background collection sweeps gen 2 into free lists without compacting it, so the size
    /// alone counts that free space as if objects still held it.
    /// </summary>
    public long OldGenerationLiveBytes => OldGenerationBytes - OldGenerationFreeBytes;

    /// <summary>The sample in a service's Prometheus text; null before its first collection (no committed gauge yet).</summary>
    public static HeapSample? Parse(long timestamp, string metrics)
    {
        long? committed = null;
        long old = 0, free = 0, allocated = 0;
        foreach (var sample in PrometheusSample.Read(metrics))
        {
            if (sample.Name == Committed)
                committed = (long)sample.Value;
            else if (sample.Name == Allocated)
                allocated = (long)sample.Value;
            else if (sample.Label("gc_heap_generation") is "gen2" or "loh")
            {
                if (sample.Name == HeapSize)
                    old += (long)sample.Value;
                else if (sample.Name == Fragmentation)
                    free += (long)sample.Value;
            }
        }
        return committed is { } bytes ? new HeapSample(timestamp, bytes, old, free, allocated) : null;
    }
}

namespace TalentMesh.Load.Tests;

public sealed class HeapSampleTests
{
    // As a service's /metrics writes the runtime's gauges (OpenTelemetry's Prometheus exporter), among other families.
    private const string Metrics = """
        # TYPE dotnet_gc_last_collection_heap_size_bytes gauge
        dotnet_gc_last_collection_heap_size_bytes{otel_scope_name="System.Runtime",gc_heap_generation="gen0"} 1000
        dotnet_gc_last_collection_heap_size_bytes{otel_scope_name="System.Runtime",gc_heap_generation="gen1"} 20000
        dotnet_gc_last_collection_heap_size_bytes{otel_scope_name="System.Runtime",gc_heap_generation="gen2"} 37748736
        dotnet_gc_last_collection_heap_size_bytes{otel_scope_name="System.Runtime",gc_heap_generation="loh"} 7340032
        dotnet_gc_last_collection_heap_size_bytes{otel_scope_name="System.Runtime",gc_heap_generation="poh"} 61312
        dotnet_gc_last_collection_heap_fragmentation_size_bytes{otel_scope_name="System.Runtime",gc_heap_generation="gen0"} 500
        dotnet_gc_last_collection_heap_fragmentation_size_bytes{otel_scope_name="System.Runtime",gc_heap_generation="gen2"} 11534336
        dotnet_gc_last_collection_heap_fragmentation_size_bytes{otel_scope_name="System.Runtime",gc_heap_generation="loh"} 1048576
        # TYPE dotnet_gc_last_collection_memory_committed_size_bytes gauge
        dotnet_gc_last_collection_memory_committed_size_bytes{otel_scope_name="System.Runtime"} 130023424
        dotnet_process_memory_working_set_bytes{otel_scope_name="System.Runtime"} 272629760
        # TYPE dotnet_gc_heap_total_allocated_bytes_total counter
        dotnet_gc_heap_total_allocated_bytes_total{otel_scope_name="System.Runtime"} 1928012856
        """;

    [Fact]
    public void Parse_ReadsTheCommittedMemoryTheOldGenerationsWithTheirFreeSpaceAndTheBytesAllocated()
    {
        var sample = HeapSample.Parse(42, Metrics);

        Assert.Equal(new HeapSample(42, 130_023_424, 37_748_736 + 7_340_032, 11_534_336 + 1_048_576, 1_928_012_856), sample);
        Assert.Equal(37_748_736 + 7_340_032 - 11_534_336 - 1_048_576, sample!.Value.OldGenerationLiveBytes);
    }

    [Fact]
    public void Parse_BeforeTheFirstCollection_HasNoSample()
    {
        var beforeAnyCollection = string.Join('\n', Metrics.Split('\n').Where(line => !line.Contains("committed", StringComparison.Ordinal)));

        Assert.Null(HeapSample.Parse(42, beforeAnyCollection));
    }
}

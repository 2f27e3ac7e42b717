namespace TalentMesh.Load.Tests;

public sealed class StallSourcesTests
{
    // As a service's /metrics writes them (OpenTelemetry's Prometheus exporter), among other families.
    private const string Metrics = """
        # TYPE dotnet_gc_collections_total counter
        # HELP dotnet_gc_collections_total The number of garbage collections that have occurred since the process has started.
        dotnet_gc_collections_total{otel_scope_name="System.Runtime",gc_heap_generation="gen2"} 12
        dotnet_gc_collections_total{otel_scope_name="System.Runtime",gc_heap_generation="gen1"} 19
        dotnet_gc_collections_total{otel_scope_name="System.Runtime",gc_heap_generation="gen0"} 96
        # TYPE dotnet_gc_pause_time_seconds_total counter
        dotnet_gc_pause_time_seconds_total{otel_scope_name="System.Runtime"} 2.181529
        dotnet_gc_heap_total_allocated_bytes_total{otel_scope_name="System.Runtime"} 123456789
        talentmesh_events_conflict_retries_total{otel_scope_name="TalentMesh.EventBus",topic="talent.evaluated"} 166
        talentmesh_events_conflict_retries_total{otel_scope_name="TalentMesh.EventBus",topic="credential.verified"} 4
        talentmesh_events_redelivered_total{otel_scope_name="TalentMesh.EventBus",topic="talent.evaluated"} 2
        """;

    [Fact]
    public void Parse_ReadsThePauseTotalTheCollectionsByGenerationAndTheEventBusRetries()
    {
        var pauses = StallSources.Parse("registration", Metrics);

        Assert.Equal("registration", pauses.Service);
        Assert.Equal(2.181529, pauses.PauseSeconds, precision: 6);
        Assert.Equal(127, pauses.Collections);
        Assert.Equal(12, pauses.Gen2Collections);
        Assert.Equal(170, pauses.ConflictRetries);
        Assert.Equal(2, pauses.Redelivered);
    }

    [Fact]
    public void Parse_WithoutGcCounters_ReportsNone()
    {
        // A service that has not collected yet exports no gc series at all; other families must not be mistaken for them.
        var pauses = StallSources.Parse("evaluation", "# TYPE http_server_request_duration_seconds histogram\nhttp_server_active_requests 3\n");

        Assert.Equal(new ServiceStalls("evaluation", 0, 0, 0, 0, 0), pauses);
    }
}

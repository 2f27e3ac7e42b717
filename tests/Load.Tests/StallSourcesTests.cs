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
        # TYPE talentmesh_events_handling_duration_seconds histogram
        talentmesh_events_handling_duration_seconds_bucket{otel_scope_name="TalentMesh.EventBus",outcome="success",topic="talent.evaluated",le="0.005"} 100
        talentmesh_events_handling_duration_seconds_bucket{otel_scope_name="TalentMesh.EventBus",outcome="success",topic="talent.evaluated",le="0.01"} 900
        talentmesh_events_handling_duration_seconds_bucket{otel_scope_name="TalentMesh.EventBus",outcome="success",topic="talent.evaluated",le="0.05"} 985
        talentmesh_events_handling_duration_seconds_bucket{otel_scope_name="TalentMesh.EventBus",outcome="success",topic="talent.evaluated",le="0.1"} 995
        talentmesh_events_handling_duration_seconds_bucket{otel_scope_name="TalentMesh.EventBus",outcome="success",topic="talent.evaluated",le="+Inf"} 995
        talentmesh_events_handling_duration_seconds_sum{otel_scope_name="TalentMesh.EventBus",outcome="success",topic="talent.evaluated"} 9.1
        talentmesh_events_handling_duration_seconds_count{otel_scope_name="TalentMesh.EventBus",outcome="success",topic="talent.evaluated"} 995
        talentmesh_events_handling_duration_seconds_bucket{otel_scope_name="TalentMesh.EventBus",outcome="retry",topic="talent.evaluated",le="0.005"} 0
        talentmesh_events_handling_duration_seconds_bucket{otel_scope_name="TalentMesh.EventBus",outcome="retry",topic="talent.evaluated",le="0.01"} 0
        talentmesh_events_handling_duration_seconds_bucket{otel_scope_name="TalentMesh.EventBus",outcome="retry",topic="talent.evaluated",le="0.05"} 0
        talentmesh_events_handling_duration_seconds_bucket{otel_scope_name="TalentMesh.EventBus",outcome="retry",topic="talent.evaluated",le="0.1"} 0
        talentmesh_events_handling_duration_seconds_bucket{otel_scope_name="TalentMesh.EventBus",outcome="retry",topic="talent.evaluated",le="+Inf"} 5
        talentmesh_events_handling_duration_seconds_bucket{otel_scope_name="TalentMesh.EventBus",outcome="success",topic="policy.published",le="0.005"} 0
        talentmesh_events_handling_duration_seconds_bucket{otel_scope_name="TalentMesh.EventBus",outcome="success",topic="policy.published",le="0.01"} 1
        talentmesh_events_handling_duration_seconds_bucket{otel_scope_name="TalentMesh.EventBus",outcome="success",topic="policy.published",le="0.05"} 1
        talentmesh_events_handling_duration_seconds_bucket{otel_scope_name="TalentMesh.EventBus",outcome="success",topic="policy.published",le="0.1"} 1
        talentmesh_events_handling_duration_seconds_bucket{otel_scope_name="TalentMesh.EventBus",outcome="success",topic="policy.published",le="+Inf"} 1
        talentmesh_events_handling_duration_seconds_bucket{otel_scope_name="TalentMesh.EventBus",outcome="success",topic="talent-code.issued",le="0.005"} 0
        talentmesh_events_handling_duration_seconds_bucket{otel_scope_name="TalentMesh.EventBus",outcome="success",topic="talent-code.issued",le="0.01"} 0
        talentmesh_events_handling_duration_seconds_bucket{otel_scope_name="TalentMesh.EventBus",outcome="success",topic="talent-code.issued",le="0.05"} 0
        talentmesh_events_handling_duration_seconds_bucket{otel_scope_name="TalentMesh.EventBus",outcome="success",topic="talent-code.issued",le="0.1"} 0
        talentmesh_events_handling_duration_seconds_bucket{otel_scope_name="TalentMesh.EventBus",outcome="success",topic="talent-code.issued",le="+Inf"} 0
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
    public void Parse_NamesTheTopicWithTheHighestP99Bound_OverEveryOutcome()
    {
        var slowest = StallSources.Parse("redemption", Metrics).SlowestHandling;

        // talent.evaluated: 1,000 deliveries (5 retried ones beyond the largest bound); 99 % of them (990) are in by
        // 0.1 s, not by 0.05 s (985). policy.published: its one delivery by 0.01 s. talent-code.issued had none.
        Assert.Equal(new EventHandling("talent.evaluated", 1_000, 0.1), slowest);
    }

    [Fact]
    public void Parse_PrefersBusyTopics_OverARareSlowOne()
    {
        // A policy's publication, matched against every talent, takes long once; the workflow's hop is what matters.
        var metrics = Metrics.Replace(
            "topic=\"policy.published\",le=\"0.1\"} 1", "topic=\"policy.published\",le=\"0.1\"} 0", StringComparison.Ordinal).Replace(
            "topic=\"policy.published\",le=\"0.05\"} 1", "topic=\"policy.published\",le=\"0.05\"} 0", StringComparison.Ordinal).Replace(
            "topic=\"policy.published\",le=\"0.01\"} 1", "topic=\"policy.published\",le=\"0.01\"} 0", StringComparison.Ordinal);

        Assert.Equal("talent.evaluated", StallSources.Parse("redemption", metrics).SlowestHandling!.Topic);
        Assert.Equal(new EventHandling("policy.published", 1, double.PositiveInfinity),
            StallSources.Parse("redemption", string.Join('\n', metrics.Split('\n').Where(line => !line.Contains("talent.evaluated", StringComparison.Ordinal)))).SlowestHandling);
    }

    [Fact]
    public void Parse_WithoutGcCounters_ReportsNone()
    {
        // A service that has not collected yet exports no gc series at all; other families must not be mistaken for them.
        var pauses = StallSources.Parse("evaluation", "# TYPE http_server_request_duration_seconds histogram\nhttp_server_active_requests 3\n");

        Assert.Equal(new ServiceStalls("evaluation", 0, 0, 0, 0, 0, SlowestHandling: null), pauses);
    }
}

using TalentMesh.Testing;

namespace TalentMesh.Load.Tests;

public sealed class PrometheusSampleTests
{
    [Fact]
    public void Read_SkipsCommentsAndBlankLines_AndKeepsEachSampleWithItsLabels()
    {
        var samples = PrometheusSample.Read("""
            # TYPE talentmesh_events_redelivered_total counter
            talentmesh_events_redelivered_total{otel_scope_name="TalentMesh.EventBus",topic="talent.evaluated"} 2

            process_uptime_seconds 12.5
            """).ToList();

        Assert.Equal(["talentmesh_events_redelivered_total", "process_uptime_seconds"], samples.Select(s => s.Name));
        Assert.Equal([2, 12.5], samples.Select(s => s.Value));
        Assert.Equal("talent.evaluated", samples[0].Label("topic"));
        Assert.Null(samples[0].Label("outcome"));
        Assert.Null(samples[0].Label("name"));
        Assert.Null(samples[1].Label("topic"));
    }
}

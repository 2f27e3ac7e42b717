using System.Net;
using TalentMesh.Testing;
using TalentMesh.Testing.Mesh;

namespace TalentMesh.EndToEnd.Tests.Launcher;

/// <summary>The launcher itself: real processes that become ready, can be crashed and come back on the same ports.</summary>
public sealed class MeshLauncherTests
{
    [Fact]
    public async Task StartAsync_ThreeServiceProcesses_AllReadyAndKillThenStartComesBackOnSamePorts()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var mesh = await Mesh.StartAsync(cancellationToken: ct);

        foreach (var service in mesh.Services)
        {
            using var ready = await service.Http.GetAsync("/readyz", ct);
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.NotEqual(Environment.ProcessId, service.ProcessId);
        }

        var evaluation = mesh.Evaluation;
        var (grpcPort, firstPid) = (evaluation.GrpcPort, evaluation.ProcessId);
        await evaluation.KillAsync();
        Assert.False(evaluation.Process.IsRunning);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => evaluation.Http.GetAsync("/healthz", ct));

        await evaluation.StartAsync(ct);
        Assert.Equal(grpcPort, evaluation.GrpcPort);
        Assert.NotEqual(firstPid, evaluation.ProcessId);
        using var again = await evaluation.Http.GetAsync("/readyz", ct);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains(evaluation.Process.OutputLines, line => line.Contains("killed", StringComparison.Ordinal));
    }
}

using TalentMesh.Cli.Connection;
using TalentMesh.Cli.Tests.Support;
using ProcessMesh = TalentMesh.Testing.Mesh.Mesh;

namespace TalentMesh.Cli.Tests;

/// <summary>
/// <c>talentmesh demo</c> against the three services as real OS processes (the mesh launcher), the way it runs
/// against <c>scripts/run.sh</c>. This project references the services (for the in-process mesh), so building it
/// builds the output the launcher runs.
/// </summary>
public sealed class DemoProcessMeshTests : IAsyncLifetime
{
    private ProcessMesh mesh = null!;

    public async ValueTask InitializeAsync() => mesh = await ProcessMesh.StartAsync(cancellationToken: TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => mesh.DisposeAsync();

    [Fact]
    public async Task Demo_AgainstServiceProcesses_PrintsEveryStepAndExitsZero()
    {
        var environment = new Dictionary<string, string>
        {
            ["TALENTMESH_REGISTRATION_GRPC"] = mesh.Registration.GrpcAddress.ToString(),
            ["TALENTMESH_REGISTRATION_HTTP"] = mesh.Registration.HttpAddress.ToString(),
            ["TALENTMESH_EVALUATION_GRPC"] = mesh.Evaluation.GrpcAddress.ToString(),
            ["TALENTMESH_EVALUATION_HTTP"] = mesh.Evaluation.HttpAddress.ToString(),
            ["TALENTMESH_REDEMPTION_GRPC"] = mesh.Redemption.GrpcAddress.ToString(),
            ["TALENTMESH_REDEMPTION_HTTP"] = mesh.Redemption.HttpAddress.ToString(),
        };

        var result = await CliRun.RunAsync(environment, "demo", "--deadline-seconds", "60");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Output + Environment.NewLine + mesh.OutputTails());
        foreach (var step in DemoTests.Steps)
            Assert.Contains(step, result.Output);
        Assert.Contains("every step reached its expected state", result.Output);
    }
}

using TalentMesh.Cli.Connection;
using TalentMesh.Cli.Tests.Support;

namespace TalentMesh.Cli.Tests;

/// <summary><c>talentmesh demo</c> across the three services: every step printed, exit code 0, and again on the same mesh.</summary>
public sealed class DemoTests(MeshFixture mesh)
{
    internal static readonly string[] Steps =
    [
        "1. Three talents register", "2. They submit their credentials", "3. HR reviews the queue", "4. Evaluation scores them",
        "5. Talent codes", "6. A policy office publishes", "7. The talents' notifications arrive", "8. One-click redemption",
        "9. Every approval stage", "10. The payment is recorded",
    ];

    [Fact]
    public async Task Demo_AgainstTheMesh_EveryStepReachesItsStateAndExitsZero()
    {
        var result = await mesh.RunAsync("demo", "--deadline-seconds", "60");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Output);
        foreach (var step in Steps)
            Assert.Contains(step, result.Output);
        Assert.Contains("✓ VALID", result.Output);
        // The tier reached each talent's own watch, opened before HR verified: pushed, not read.
        Assert.Contains("(WatchMyTalent): tier C pushed", result.Output);
        Assert.Contains("benefit-available", result.Output);
        Assert.Contains("holds no tier: no benefit offered", result.Output);
        Assert.Contains("credential-rejected", result.Output);
        Assert.Contains("0 working days", result.Output);
        Assert.Contains("disbursed", result.Output);
        Assert.Contains("every step reached its expected state", result.Output);

        var again = await mesh.RunAsync("demo", "--deadline-seconds", "60");
        Assert.True(again.ExitCode == ExitCodes.Ok, again.Output);
    }
}

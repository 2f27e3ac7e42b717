using TalentMesh.Cli.Connection;
using TalentMesh.Cli.Tests.Support;
using TalentMesh.Testing;

namespace TalentMesh.Cli.Tests;

public sealed class TalentCodeCommandTests(MeshFixture mesh)
{
    [Fact]
    public async Task IssueShowVerify_ForATalentWithATier_DrawsTheQrAndVerifiesValid()
    {
        var talentId = await Flows.VerifiedTalentAsync(mesh, "code", (Flows.ProvincialProgram, "TP-2024-0042"));
        await Flows.ScoreShowingAsync(mesh, talentId, "tier C");
        CliResult? issued = null;
        await Eventually.TrueAsync(async () => (issued = await mesh.RunAsync("codes", "issue", "--as", $"applicant:{talentId}")).ExitCode == ExitCodes.Ok,
            TimeSpan.FromSeconds(30), "Registration never learned the tier to issue a code");

        var shown = await mesh.RunAsync("codes", "show", "--as", $"applicant:{talentId}");
        Assert.True(shown.ExitCode == ExitCodes.Ok, shown.Output);
        var payload = shown.ValueAfter("payload:");
        var verified = await mesh.RunAsync("codes", "verify", payload);

        Assert.Contains("active", issued!.Output);
        Assert.Equal(ExitCodes.Ok, shown.ExitCode);
        Assert.StartsWith("TM1:", payload);
        Assert.Contains("█", shown.Output);
        Assert.Equal(ExitCodes.Ok, verified.ExitCode);
        Assert.Contains("✓ VALID", verified.Output);
        Assert.Contains(talentId, verified.Output);
        Assert.Contains("tier C", verified.Output);
    }

    [Fact]
    public async Task Verify_AGarbledPayload_PrintsTheResultAndFails()
    {
        var result = await mesh.RunAsync("codes", "verify", "TM1:NOT-A-CODE");

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("MALFORMED", result.Output);
    }

    [Fact]
    public async Task Keys_ListsTheSigningKeys()
    {
        var result = await mesh.RunAsync("codes", "keys");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("ES256", result.Output);
        Assert.Contains("active", result.Output);
    }
}

using TalentMesh.Cli.Connection;
using TalentMesh.Cli.Tests.Support;

namespace TalentMesh.Cli.Tests;

public sealed class ScoreCommandTests(MeshFixture mesh)
{
    [Fact]
    public async Task Show_AfterVerification_TablesEveryRuleWithPointsCapsCredentialsAndTheGap()
    {
        var talentId = await Flows.VerifiedTalentAsync(mesh, "score", (Flows.Doctor, "B1B2C3D4E5F6G7H8"));

        var result = await Flows.ScoreShowingAsync(mesh, talentId, "education=doctor");

        Assert.Contains($"score of {talentId}", result.Output);
        Assert.Contains("high-tech-zone", result.Output);
        // Every rule of the rule set is a row: counted ones and those that did not apply.
        Assert.Contains("counted", result.Output);
        Assert.Contains("not provided", result.Output);
        // The knowledge group's cap, and the credential id behind the education points.
        Assert.Matches(@"Knowledge and ability.*│\s+40 │", result.Output);
        var credentialId = await CreatedIds.CredentialIdAsync(mesh, talentId);
        Assert.Contains(credentialId, result.Output);
        Assert.Contains("gap to next tier", result.Output);
        Assert.Contains("points →", result.Output);
    }

    [Fact]
    public async Task History_AfterVerification_ListsTheEvaluations()
    {
        var talentId = await Flows.VerifiedTalentAsync(mesh, "history", (Flows.Doctor, "C1B2C3D4E5F6G7H8"));
        await Flows.ScoreShowingAsync(mesh, talentId, "education=doctor");

        var result = await mesh.RunAsync("scores", "history", "--as", $"applicant:{talentId}");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("credential-verified", result.Output);
        Assert.Contains("registration", result.Output);
    }

    [Fact]
    public async Task Show_ForSomeoneElsesTalent_AsApplicant_IsNotFound()
    {
        var result = await mesh.RunAsync("scores", "show", "--as", "applicant:somebody", "--talent", "someone-else");

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("NOT_FOUND", result.Output);
    }

    [Fact]
    public async Task Tiers_AsHr_TablesEveryTierAndATotalThatAddsUp()
    {
        await Flows.VerifiedTalentAsync(mesh, "tiers", (Flows.Doctor, "D1B2C3D4E5F6G7H8"));

        var result = await mesh.RunAsync("scores", "tiers", "--as", "hr");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var rows = System.Text.RegularExpressions.Regex.Matches(result.Output, @"│ (A|B|C|D|E|no tier)\s+│\s+(\d+) │")
            .ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(["A", "B", "C", "D", "E", "no tier"], rows.Keys);
        var total = int.Parse(System.Text.RegularExpressions.Regex.Match(result.Output, @"total (\d+) talents evaluated").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(total >= 1, result.Output);
        Assert.Equal(total, rows.Values.Sum());
    }

    [Fact]
    public async Task Tiers_AsScanner_PermissionDenied()
    {
        var result = await mesh.RunAsync("scores", "tiers", "--as", "scanner");

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("PERMISSION_DENIED", result.Output);
    }
}

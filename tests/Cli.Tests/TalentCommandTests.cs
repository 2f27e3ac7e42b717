using TalentMesh.Cli.Connection;
using TalentMesh.Cli.Tests.Support;

namespace TalentMesh.Cli.Tests;

public sealed class TalentCommandTests(MeshFixture mesh)
{
    /// <summary>A new talent registered through the CLI; returns its id.</summary>
    private async Task<string> RegisteredAsync(string prefix)
    {
        var (talentId, number, birth, gender) = People.NewTalent(prefix);
        Assert.Equal(ExitCodes.Ok, (await mesh.RunAsync(People.Register(talentId, number, birth, gender))).ExitCode);
        return talentId;
    }

    [Fact]
    public async Task Register_ThenShow_PrintsTheTalentWithMaskedNumbers()
    {
        var (talentId, number, birth, gender) = People.NewTalent("reg");

        var registered = await mesh.RunAsync(People.Register(talentId, number, birth, gender));
        var shown = await mesh.RunAsync("talents", "show", "--as", $"applicant:{talentId}");

        Assert.Equal(ExitCodes.Ok, registered.ExitCode);
        Assert.Equal(ExitCodes.Ok, shown.ExitCode);
        Assert.Contains(talentId, shown.Output);
        Assert.Contains("张小明", shown.Output);
        Assert.Contains(birth, shown.Output);
        Assert.Contains("138****0000", shown.Output);
        Assert.Contains(number[..6], shown.Output);
        Assert.DoesNotContain(number, shown.Output);
        Assert.Contains("active", shown.Output);
    }

    [Fact]
    public async Task Register_WithBadNumberAndPhone_RendersEveryFieldViolationAndFails()
    {
        var (talentId, number, birth, gender) = People.NewTalent("bad");
        var args = People.Register(talentId, number[..17] + (number[17] == '0' ? '1' : '0'), birth, gender);
        args[Array.IndexOf(args, "--phone") + 1] = "12345";

        var result = await mesh.RunAsync(args);

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("INVALID_ARGUMENT", result.Output);
        Assert.Contains("identity_number", result.Output);
        Assert.Contains("phone", result.Output);
        var shown = await mesh.RunAsync("talents", "show", "--as", $"applicant:{talentId}");
        Assert.Equal(ExitCodes.Failed, shown.ExitCode);
        Assert.Contains("NOT_FOUND", shown.Output);
    }

    [Fact]
    public async Task Watch_CountOne_PrintsTheRecordAsItIsAndStops()
    {
        var talentId = await RegisteredAsync("watch");

        var watched = await mesh.RunAsync("talents", "watch", "--as", $"applicant:{talentId}", "--count", "1");

        Assert.Equal(ExitCodes.Ok, watched.ExitCode);
        Assert.Contains("watching your record", watched.Output);
        Assert.Contains(talentId, watched.Output);
        Assert.Contains("138****0000", watched.Output);
    }

    [Fact]
    public async Task UpdateContact_AsTheApplicant_ChangesTheMaskedPhone()
    {
        var talentId = await RegisteredAsync("contact");

        var result = await mesh.RunAsync("talents", "update-contact", "--as", $"applicant:{talentId}", "--phone", "13912345678");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("139****5678", result.Output);
    }
}

using TalentMesh.Cli.Connection;
using TalentMesh.Testing;

namespace TalentMesh.Cli.Tests.Support;

/// <summary>Multi-step set-ups through the client itself: a talent with verified credentials and the tier they bring.</summary>
public static class Flows
{
    public const string ProvincialProgram = """{"talentProgram":{"level":"TALENT_PROGRAM_LEVEL_PROVINCIAL","programTitle":"省级领军人才计划","year":2024}}""";
    public const string Doctor = """{"degree":{"level":"EDUCATION_LEVEL_DOCTOR","institution":"浙江大学","major":"物理学","graduationDate":{"year":2016,"month":6,"day":30},"fullTime":true}}""";
    private static readonly string Evidence = "sha256:" + new string('b', 64);

    /// <summary>Registers a talent, submits and verifies <paramref name="attributes"/>, waits until the score counts them.</summary>
    public static async Task<string> VerifiedTalentAsync(MeshFixture mesh, string name, params (string Attributes, string Reference)[] attributes)
    {
        var (talentId, number, birth, gender) = People.NewTalent(name);
        Assert.Equal(ExitCodes.Ok, (await mesh.RunAsync(People.Register(talentId, number, birth, gender))).ExitCode);
        foreach (var (json, reference) in attributes)
        {
            var submitted = await mesh.RunAsync("credentials", "submit", "--as", $"applicant:{talentId}", "--attributes", json, "--reference", reference, "--evidence", Evidence);
            Assert.Equal(ExitCodes.Ok, submitted.ExitCode);
        }
        foreach (var line in (await mesh.RunAsync("credentials", "list", "--as", $"applicant:{talentId}")).Output.Split('\n'))
        {
            var cells = line.Split('│', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (cells.Length > 3 && cells[3] == "submitted")
                Assert.Equal(ExitCodes.Ok, (await mesh.RunAsync("credentials", "verify", cells[0])).ExitCode);
        }
        return talentId;
    }

    /// <summary>Waits until `scores show` for the talent prints <paramref name="expected"/>.</summary>
    public static async Task<CliResult> ScoreShowingAsync(MeshFixture mesh, string talentId, string expected)
    {
        CliResult? last = null;
        await Eventually.TrueAsync(async () =>
        {
            last = await mesh.RunAsync("scores", "show", "--as", "hr", "--talent", talentId);
            return last.ExitCode == ExitCodes.Ok && last.Output.Contains(expected, StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(30), $"the score of {talentId} never showed '{expected}': {last?.Output}");
        return last!;
    }
}

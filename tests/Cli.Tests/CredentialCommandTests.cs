using TalentMesh.Cli.Connection;
using TalentMesh.Cli.Tests.Support;

namespace TalentMesh.Cli.Tests;

public sealed class CredentialCommandTests(MeshFixture mesh)
{
    private const string Master = """{"degree":{"level":"EDUCATION_LEVEL_MASTER","institution":"浙江大学","major":"计算机科学","graduationDate":{"year":2015,"month":6,"day":30},"fullTime":true}}""";
    private static readonly string Evidence = "sha256:" + new string('a', 64);

    [Fact]
    public async Task SubmitQueueVerify_AsApplicantThenHr_EndsVerified()
    {
        var talentId = await RegisteredAsync();

        var submitted = await mesh.RunAsync("credentials", "submit", "--as", $"applicant:{talentId}", "--attributes", Master,
            "--reference", "A1B2C3D4E5F6G7H8", "--evidence", Evidence);
        var credentialId = await CreatedIds.CredentialIdAsync(mesh, talentId);
        var queue = await mesh.RunAsync("credentials", "queue", "--as", "hr", "--page-size", "100");
        var verified = await mesh.RunAsync("credentials", "verify", credentialId, "--note", "checked");
        var listed = await mesh.RunAsync("credentials", "list", "--as", $"applicant:{talentId}");

        Assert.Equal(ExitCodes.Ok, submitted.ExitCode);
        Assert.Contains("submitted", submitted.Output);
        Assert.Contains("EDUCATION_LEVEL_MASTER", submitted.Output);
        Assert.Equal(ExitCodes.Ok, queue.ExitCode);
        Assert.Contains("review queue", queue.Output);
        Assert.Equal(ExitCodes.Ok, verified.ExitCode);
        Assert.Contains("verified", verified.Output);
        Assert.Contains("hr-1", verified.Output);
        Assert.Contains(credentialId, listed.Output);
        Assert.Contains("verified", listed.Output);
    }

    [Fact]
    public async Task Reject_AfterVerify_IsFailedPreconditionWithNonZeroExit()
    {
        var talentId = await RegisteredAsync();
        await mesh.RunAsync("credentials", "submit", "--as", $"applicant:{talentId}", "--attributes", Master, "--reference", "A1B2C3D4E5F6G7H8", "--evidence", Evidence);
        var credentialId = await CreatedIds.CredentialIdAsync(mesh, talentId);
        Assert.Equal(ExitCodes.Ok, (await mesh.RunAsync("credentials", "verify", credentialId)).ExitCode);

        var rejected = await mesh.RunAsync("credentials", "reject", credentialId, "--reason", "too late");

        Assert.Equal(ExitCodes.Failed, rejected.ExitCode);
        Assert.Contains("FAILED_PRECONDITION", rejected.Output);
    }

    [Fact]
    public async Task Submit_WithBadAttributes_RendersTheAttributeFields()
    {
        var talentId = await RegisteredAsync();

        var result = await mesh.RunAsync("credentials", "submit", "--as", $"applicant:{talentId}",
            "--attributes", """{"patent":{"kind":"PATENT_KIND_INVENTION","patentNumber":"123","inventorRank":0}}""", "--reference", "x");

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("INVALID_ARGUMENT", result.Output);
        Assert.Contains("attributes.patent.patent_number", result.Output);
        Assert.Contains("attributes.patent.inventor_rank", result.Output);
        Assert.Contains("verification_reference", result.Output);
        Assert.Contains("evidence", result.Output);
    }

    [Fact]
    public async Task Submit_WithAttributesThatAreNotProtoJson_IsAUsageError()
    {
        var result = await mesh.RunAsync("credentials", "submit", "--as", "applicant:t-1", "--attributes", """{"diploma":{}}""", "--reference", "x");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("CredentialAttributes", result.Output);
    }

    private async Task<string> RegisteredAsync()
    {
        var (talentId, number, birth, gender) = People.NewTalent("cred");
        Assert.Equal(ExitCodes.Ok, (await mesh.RunAsync(People.Register(talentId, number, birth, gender))).ExitCode);
        return talentId;
    }
}

using Grpc.Net.Client;
using TalentMesh.Cli.Connection;
using TalentMesh.Cli.Tests.Support;
using TalentMesh.Contracts.Redemption.V1;
using TalentMesh.Testing;

namespace TalentMesh.Cli.Tests;

public sealed class PolicyCommandTests(MeshFixture mesh)
{
    [Fact]
    public async Task CreatePublishShowClose_AsPolicyOfficer_WalksTheLifecycle()
    {
        var title = $"Housing allowance {Guid.NewGuid():N}";

        var created = await mesh.RunAsync("policies", "create", "--title", title, "--tiers", "c,d,e", "--payment-form", "monthly",
            "--amount", "2500", "--installments", "12", "--budget", "3000000", "--notice-days", "5", "--stages", "preliminary-review,talent-office");
        var policyId = await PolicyIdAsync(title);
        var published = await mesh.RunAsync("policies", "publish", policyId);
        var listed = await mesh.RunAsync("policies", "list", "--status", "published", "--page-size", "100");
        var shown = await mesh.RunAsync("policies", "show", policyId);
        var closed = await mesh.RunAsync("policies", "close", policyId, "--reason", "budget year over");

        Assert.Equal(ExitCodes.Ok, created.ExitCode);
        Assert.Contains("draft", created.Output);
        Assert.Contains("¥2,500.00", created.Output);
        Assert.Contains("monthly ×12", created.Output);
        Assert.Contains("5 working days", created.Output);
        Assert.Contains("preliminary-review → talent-office", created.Output);
        Assert.Contains("published", published.Output);
        Assert.Contains(policyId, listed.Output);
        Assert.Contains("C,D,E", shown.Output);
        Assert.Equal(ExitCodes.Ok, closed.ExitCode);
        Assert.Contains("closed", closed.Output);
    }

    [Fact]
    public async Task Update_ADraft_ReplacesTheGivenFields()
    {
        var title = $"Draft {Guid.NewGuid():N}";
        await mesh.RunAsync("policies", "create", "--title", title, "--tiers", "a", "--payment-form", "one-off", "--amount", "100", "--installments", "1");
        var policyId = await PolicyIdAsync(title);

        var updated = await mesh.RunAsync("policies", "update", policyId, "--amount", "250", "--tiers", "a,b");

        Assert.Equal(ExitCodes.Ok, updated.ExitCode);
        Assert.Contains("¥250.00", updated.Output);
        Assert.Contains("A,B", updated.Output);
    }

    [Fact]
    public async Task Create_WithoutTiersOrForm_RendersEachFieldViolation()
    {
        var result = await mesh.RunAsync("policies", "create", "--title", "Nothing else");

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("INVALID_ARGUMENT", result.Output);
        Assert.Contains("eligible_tiers", result.Output);
        Assert.Contains("payment_form", result.Output);
    }

    [Fact]
    public async Task Create_AsAnApplicant_IsPermissionDenied()
    {
        var result = await mesh.RunAsync("policies", "create", "--as", "applicant:t-1", "--title", "Mine", "--tiers", "a", "--payment-form", "service");

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("PERMISSION_DENIED", result.Output);
    }

    private async Task<string> PolicyIdAsync(string title)
    {
        using var channel = GrpcChannel.ForAddress(mesh.Redemption.GrpcAddress);
        var listed = await new PolicyService.PolicyServiceClient(channel).ListPoliciesAsync(new ListPoliciesRequest { PageSize = 100 },
            ServiceHost<object>.Call(mesh.Redemption.Token("policy_officer", "officer-1")));
        return listed.Policies.Single(policy => policy.Title == title).PolicyId;
    }
}

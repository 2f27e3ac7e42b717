using Grpc.Net.Client;
using TalentMesh.Cli.Connection;
using TalentMesh.Cli.Tests.Support;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Redemption.V1;
using TalentMesh.Testing;

namespace TalentMesh.Cli.Tests;

/// <summary>Eligibility, one-click redemption, review, disbursement and the notification stream, all through the client.</summary>
public sealed class RedemptionCommandTests(MeshFixture mesh)
{
    [Fact]
    public async Task RedeemApproveDisburse_ForATierCTalent_EndsDisbursedAndTheStreamDeliversTheMissedNotification()
    {
        var talentId = await Flows.VerifiedTalentAsync(mesh, "redeem", (Flows.ProvincialProgram, "TP-2024-0077"));
        var applicant = $"applicant:{talentId}";
        var tierNotice = await NotificationAsync(talentId, NotificationKind.TierChanged);
        var title = $"Allowance {Guid.NewGuid():N}";
        await mesh.RunAsync("policies", "create", "--title", title, "--tiers", "c", "--payment-form", "one-off", "--amount", "5000", "--installments", "1", "--notice-days", "0");
        var policyId = await PolicyIdAsync(title);
        Assert.Equal(ExitCodes.Ok, (await mesh.RunAsync("policies", "publish", policyId)).ExitCode);

        // Watching from the tier notification on: what came after it (the new benefit) is sent first.
        var watched = await mesh.RunAsync("notifications", "watch", "--as", applicant, "--resume-after", tierNotice.NotificationId, "--count", "1");
        var eligible = await mesh.RunAsync("redemptions", "eligible", "--as", applicant);
        var redeemed = await mesh.RunAsync("redemptions", "redeem", policyId, "--as", applicant);
        var redemptionId = await RedemptionIdAsync(talentId);
        var approved = await mesh.RunAsync("redemptions", "approve", redemptionId, "--comment", "complete");
        var disbursed = await mesh.RunAsync("redemptions", "disburse", redemptionId, "--reference", "PAY-0001");
        var listed = await mesh.RunAsync("redemptions", "list", "--talent", talentId);

        Assert.Equal(ExitCodes.Ok, watched.ExitCode);
        Assert.Contains("benefit-available", watched.Output);
        Assert.Contains(title, watched.Output);
        Assert.Contains("benefits for tier C", eligible.Output);
        Assert.Matches($@"{policyId}.*│ yes", eligible.Output);
        Assert.Contains("pending-review", redeemed.Output);
        Assert.Contains("preliminary-review", redeemed.Output);
        Assert.Equal(ExitCodes.Ok, approved.ExitCode);
        Assert.Contains("disbursing", approved.Output);
        Assert.Contains("approved at preliminary-review by policy_officer-1: complete", approved.Output);
        Assert.Equal(ExitCodes.Ok, disbursed.ExitCode);
        Assert.Contains("disbursed", disbursed.Output);
        Assert.Contains("PAY-0001", disbursed.Output);
        Assert.Contains("1/1", listed.Output);
    }

    [Fact]
    public async Task Approve_AtTheWrongStage_RendersTheReasonAndFails()
    {
        var talentId = await Flows.VerifiedTalentAsync(mesh, "stage", (Flows.ProvincialProgram, "TP-2024-0078"));
        await NotificationAsync(talentId, NotificationKind.TierChanged);
        var title = $"Staged {Guid.NewGuid():N}";
        await mesh.RunAsync("policies", "create", "--title", title, "--tiers", "c", "--payment-form", "service", "--stages", "preliminary-review,finance-bureau");
        var policyId = await PolicyIdAsync(title);
        await mesh.RunAsync("policies", "publish", policyId);
        Assert.Equal(ExitCodes.Ok, (await mesh.RunAsync("redemptions", "redeem", policyId, "--as", $"applicant:{talentId}")).ExitCode);

        var result = await mesh.RunAsync("redemptions", "approve", await RedemptionIdAsync(talentId), "--stage", "finance-bureau");

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("FAILED_PRECONDITION", result.Output);
        Assert.Contains("STAGE_MISMATCH", result.Output);
    }

    private async Task<Notification> NotificationAsync(string talentId, NotificationKind kind)
    {
        using var channel = GrpcChannel.ForAddress(mesh.Redemption.GrpcAddress);
        var client = new NotificationService.NotificationServiceClient(channel);
        Notification? found = null;
        await Eventually.TrueAsync(async () =>
        {
            var listed = await client.ListNotificationsAsync(new ListNotificationsRequest { PageSize = 100 }, ServiceHost<object>.Call(mesh.Redemption.Token("applicant", talentId)));
            found = listed.Notifications.FirstOrDefault(notification => notification.Kind == kind);
            return found is not null;
        }, TimeSpan.FromSeconds(30), $"{talentId} never got a {kind} notification");
        return found!;
    }

    private async Task<string> PolicyIdAsync(string title)
    {
        using var channel = GrpcChannel.ForAddress(mesh.Redemption.GrpcAddress);
        var listed = await new PolicyService.PolicyServiceClient(channel).ListPoliciesAsync(new ListPoliciesRequest { PageSize = 100 },
            ServiceHost<object>.Call(mesh.Redemption.Token("policy_officer", "officer-1")));
        return listed.Policies.Single(policy => policy.Title == title).PolicyId;
    }

    private async Task<string> RedemptionIdAsync(string talentId)
    {
        using var channel = GrpcChannel.ForAddress(mesh.Redemption.GrpcAddress);
        var listed = await new RedemptionService.RedemptionServiceClient(channel).ListRedemptionsAsync(new ListRedemptionsRequest { TalentId = talentId },
            ServiceHost<object>.Call(mesh.Redemption.Token("policy_officer", "officer-1")));
        return Assert.Single(listed.Redemptions).RedemptionId;
    }
}

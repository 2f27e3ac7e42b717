using Grpc.Core;
using Microsoft.Playwright;
using TalentMesh.BackOffice.BrowserTests.Browser;
using TalentMesh.BackOffice.BrowserTests.Mesh;
using TalentMesh.BackOffice.BrowserTests.Seeding;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Redemption.V1;
using TalentMesh.ServiceDefaults.Security;
using TalentMesh.Testing;
using static Microsoft.Playwright.Assertions;

namespace TalentMesh.BackOffice.BrowserTests;

/// <summary>The paths that do not end in a payment: a rejected redemption, a failed payment, and a policy closed.</summary>
public sealed class RedemptionOutcomeTests(ConsoleMesh mesh)
{
    [Fact]
    public async Task RejectedRedemption_FailedPayment_ClosedPolicy_ShownAndHeldByRedemption()
    {
        var applicant = await Applicant.RegisterAsync(mesh, "赵结果");
        await Officials.VerifyAsync(mesh, await applicant.SubmitTalentProgramAsync(TalentProgramLevel.Provincial));
        await Officials.ScoreAsync(mesh, applicant.TalentId, score => score.Tier == Tier.C);
        var refused = await PublishedPolicyAsync("Housing allowance");
        var unpaid = await PublishedPolicyAsync("Settlement grant");
        var rejectedRedemption = await RedeemAsync(applicant, refused.PolicyId);
        var failedRedemption = await RedeemAsync(applicant, unpaid.PolicyId);
        await using var officer = await ConsoleSession.SignInAsync(mesh, Roles.PolicyOfficer, "officer-outcomes");

        // Rejected at preliminary review with a reason code and a text.
        await officer.OpenAsync($"/redemptions/{rejectedRedemption.RedemptionId}");
        // The text before the reason: a chosen option hands the focus back to its select a moment later, and a fill
        // made in that moment types into the select (a rejection was once saved without its text that way).
        var reasonText = officer.Page.Locator("#reject-text");
        await reasonText.FillAsync("The housing registry shows a flat in the zone.");
        await officer.Page.GetByTestId("reject-reason").ClickAsync();
        await officer.Page.GetByRole(AriaRole.Option, new() { Name = "Property check mismatch" }).ClickAsync();
        await Expect(reasonText).ToHaveValueAsync("The housing registry shows a flat in the zone.");
        await officer.Page.GetByTestId("reject").ClickAsync();
        await Expect(officer.Page.GetByTestId("redemption-status")).ToHaveTextAsync("rejected");
        await Expect(officer.Page.GetByTestId("redemption-decisions")).ToContainTextAsync("Property check mismatch");

        // Approved, then the payment fails (retryable).
        await officer.OpenAsync($"/redemptions/{failedRedemption.RedemptionId}");
        await officer.Page.GetByTestId("approve").ClickAsync();
        await Expect(officer.Page.GetByTestId("redemption-status")).ToHaveTextAsync("disbursing");
        await officer.Page.GetByRole(AriaRole.Radio, new() { Name = "Failed" }).CheckAsync();
        await officer.Page.Locator("#disbursement-failure-code").FillAsync("ACCOUNT_CLOSED");
        await officer.Page.Locator("#disbursement-failure-description").FillAsync("The bank account was closed.");
        await officer.Page.GetByRole(AriaRole.Checkbox, new() { Name = "Retryable" }).CheckAsync();
        await AxeScan.AssertNoSeriousViolationsAsync(officer.Page, "redemption with a failed payment being recorded");
        await officer.Page.GetByTestId("record-disbursement").ClickAsync();
        await Expect(officer.Page.GetByTestId("redemption-status")).ToHaveTextAsync("disbursement failed");
        await Expect(officer.Page.GetByTestId("redemption-disbursements")).ToContainTextAsync("ACCOUNT_CLOSED");

        // The first policy is closed from its page.
        await officer.OpenAsync($"/policies/{refused.PolicyId}");
        await officer.Page.Locator("#close-reason").FillAsync("Replaced by the 2027 housing scheme.");
        await officer.Page.GetByTestId("close-policy").ClickAsync();
        await Expect(officer.Page.GetByTestId("policy-saved")).ToContainTextAsync("Closed");
        await Expect(officer.Page.GetByTestId("policy-status")).ToContainTextAsync("Closed");
        await Expect(officer.Page.GetByTestId("close-policy")).ToHaveCountAsync(0);

        var redemptions = new RedemptionService.RedemptionServiceClient(mesh.Redemption);
        var check = mesh.Call(Roles.PolicyOfficer, "officer-check");
        var rejected = await redemptions.GetRedemptionAsync(new GetRedemptionRequest { RedemptionId = rejectedRedemption.RedemptionId }, check);
        Assert.Equal(RedemptionStatus.Rejected, rejected.Status);
        var rejection = Assert.Single(rejected.Decisions, decision => decision.Decision == Decision.Rejected);
        Assert.Equal((RejectionReason.PropertyCheckMismatch, "officer-outcomes"), (rejection.RejectionReason, rejection.DecidedBy));
        Assert.Contains("housing registry", rejection.Comment);
        var failed = await redemptions.GetRedemptionAsync(new GetRedemptionRequest { RedemptionId = failedRedemption.RedemptionId }, check);
        Assert.Equal(RedemptionStatus.DisbursementFailed, failed.Status);
        var attempt = Assert.Single(failed.Disbursements);
        Assert.Equal(("ACCOUNT_CLOSED", true), (attempt.Failure.FailureCode, attempt.Failure.Retryable));
        Assert.Equal(0, failed.InstallmentsPaid);
        var closed = await new PolicyService.PolicyServiceClient(mesh.Redemption).GetPolicyAsync(new GetPolicyRequest { PolicyId = refused.PolicyId }, check);
        Assert.Equal(PolicyStatus.Closed, closed.Status);
        var stillOpen = await new PolicyService.PolicyServiceClient(mesh.Redemption).GetPolicyAsync(new GetPolicyRequest { PolicyId = unpaid.PolicyId }, check);
        Assert.Equal(PolicyStatus.Published, stillOpen.Status);
    }

    /// <summary>A one-stage policy for tier C, published through the API (the editor has its own test).</summary>
    private async Task<Policy> PublishedPolicyAsync(string title)
    {
        var policies = new PolicyService.PolicyServiceClient(mesh.Redemption);
        var call = mesh.Call(Roles.PolicyOfficer, "officer-seed");
        var draft = await policies.CreatePolicyAsync(new CreatePolicyRequest
        {
            Policy = new Policy
            {
                Title = $"{title} {Guid.NewGuid().ToString("N")[..8]}",
                Description = "Outcome paths.",
                EligibleTiers = { Tier.C },
                PaymentForm = PaymentForm.OneOff,
                Amount = new Google.Type.Money { CurrencyCode = "CNY", Units = 8_000 },
                ApprovalStages = { ApprovalStage.PreliminaryReview },
            },
            IdempotencyKey = Guid.NewGuid().ToString(),
        }, call);
        return await policies.PublishPolicyAsync(new PublishPolicyRequest { PolicyId = draft.PolicyId }, call);
    }

    private async Task<Redemption> RedeemAsync(Applicant applicant, string policyId)
    {
        var redemptions = new RedemptionService.RedemptionServiceClient(mesh.Redemption);
        var key = Guid.NewGuid().ToString();
        Redemption? redemption = null;
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                redemption = await redemptions.RedeemAsync(new RedeemRequest { PolicyId = policyId, IdempotencyKey = key }, applicant.Call);
                return true;
            }
            catch (RpcException exception) when (exception.StatusCode == StatusCode.FailedPrecondition)
            {
                return false; // Redemption has not yet seen the talent's tier.
            }
        }, TimeSpan.FromSeconds(30), "the applicant could not redeem the published policy");
        return redemption!;
    }
}

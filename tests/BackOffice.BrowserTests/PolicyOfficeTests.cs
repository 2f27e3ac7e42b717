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

public sealed class PolicyOfficeTests(ConsoleMesh mesh)
{
    [Fact]
    public async Task Redemption_PublishedPolicyWalkedThroughEveryStage_DisbursedAndBudgetCommitted()
    {
        // An applicant whose provincial talent program HR verified: tier C by direct recognition.
        var applicant = await Applicant.RegisterAsync(mesh, "王兑现");
        await Officials.VerifyAsync(mesh, await applicant.SubmitTalentProgramAsync(TalentProgramLevel.Provincial));
        await Officials.ScoreAsync(mesh, applicant.TalentId, score => score.Tier == Tier.C);
        await using var officer = await ConsoleSession.SignInAsync(mesh, Roles.PolicyOfficer, "officer-browser");
        var title = "Rent subsidy " + Guid.NewGuid().ToString("N")[..8];

        // The draft: the server's field violations appear beside their fields (no title, a fraction of a fen is caught first).
        await officer.OpenAsync("/policies/new");
        await officer.Page.GetByRole(AriaRole.Checkbox, new() { Name = "C — provincial leading talent" }).CheckAsync();
        await officer.Page.Locator("#policy-amount").FillAsync("1234.567");
        await officer.Page.GetByTestId("save-policy").ClickAsync();
        await Expect(officer.Page.GetByTestId("policy-violations")).ToContainTextAsync("policy.amount");
        await officer.Page.Locator("#policy-amount").FillAsync("1234.56");
        await officer.Page.GetByTestId("save-policy").ClickAsync();
        await Expect(officer.Page.GetByTestId("policy-violations")).ToContainTextAsync("policy.title");
        await Expect(officer.Page.Locator(".mud-input-control:has(#policy-title)")).ToContainTextAsync("is required");
        await AxeScan.AssertNoSeriousViolationsAsync(officer.Page, "policy editor with field violations");

        await officer.Page.Locator("#policy-title").FillAsync(title);
        await officer.Page.Locator("#policy-description").FillAsync("One-off rent subsidy for provincial leading talents.");
        await officer.Page.Locator("#policy-total-budget").FillAsync("100000");
        await officer.Page.Locator("#policy-count-quota").FillAsync("10");
        foreach (var stage in new[] { "Preliminary review", "Talent office", "Finance bureau" })
            await officer.Page.GetByRole(AriaRole.Checkbox, new() { Name = stage }).CheckAsync();
        await officer.Page.GetByTestId("save-policy").ClickAsync();
        await Expect(officer.Page.GetByTestId("policy-saved")).ToBeVisibleAsync();
        await officer.ScreenshotAsync("policy-editor");
        await officer.Page.GetByTestId("publish-policy").ClickAsync();
        await Expect(officer.Page.GetByTestId("policy-status")).ToContainTextAsync("Published");
        var policyId = officer.Page.Url.Split('/').Last();

        // The applicant redeems it through the API (once Redemption has seen the tier).
        var redemption = await RedeemAsync(applicant, policyId);
        Assert.Equal(RedemptionStatus.PendingReview, redemption.Status);

        // Every stage, then the payment, from the queues.
        await officer.OpenAsync("/redemptions?queue=preliminary");
        await officer.Page.Locator($"tr[data-redemption='{redemption.RedemptionId}']").GetByRole(AriaRole.Link).ClickAsync();
        await officer.WaitForHeadingAsync();
        await officer.ScreenshotAsync("redemption-review");
        foreach (var (stage, next) in new[] { ("Preliminary review", "Talent office"), ("Talent office", "Finance bureau") })
        {
            await Expect(officer.Page.GetByTestId("redemption-status")).ToContainTextAsync(stage);
            await officer.Page.GetByTestId("approve").ClickAsync();
            await Expect(officer.Page.GetByTestId("redemption-status")).ToContainTextAsync(next);
        }
        await officer.Page.GetByTestId("approve").ClickAsync();
        await Expect(officer.Page.GetByTestId("redemption-status")).ToHaveTextAsync("disbursing");
        await Expect(officer.Page.Locator("#disbursement-amount")).ToHaveValueAsync("1234.56");
        await officer.Page.Locator("#disbursement-reference").FillAsync("PAY-2026-0001");
        await AxeScan.AssertNoSeriousViolationsAsync(officer.Page, "redemption disbursement");
        await officer.Page.GetByTestId("record-disbursement").ClickAsync();
        await Expect(officer.Page.GetByTestId("redemption-status")).ToHaveTextAsync("disbursed");
        await Expect(officer.Page.GetByTestId("redemption-disbursements")).ToContainTextAsync("PAY-2026-0001");
        await officer.ScreenshotAsync("redemption-disbursed");

        var held = await new RedemptionService.RedemptionServiceClient(mesh.Redemption).GetRedemptionAsync(
            new GetRedemptionRequest { RedemptionId = redemption.RedemptionId }, mesh.Call(Roles.PolicyOfficer, "officer-check"));
        Assert.Equal(RedemptionStatus.Disbursed, held.Status);
        Assert.Equal([ApprovalStage.PreliminaryReview, ApprovalStage.TalentOffice, ApprovalStage.FinanceBureau],
            held.Decisions.Where(decision => decision.Decision == Decision.Approved).Select(decision => decision.Stage));
        Assert.All(held.Decisions.Where(decision => decision.Decision == Decision.Approved), decision => Assert.Equal("officer-browser", decision.DecidedBy));
        var paid = Assert.Single(held.Disbursements);
        Assert.Equal("PAY-2026-0001", paid.Success.PaymentReference);
        Assert.Equal(1234, paid.Amount.Units);
        Assert.Equal(560_000_000, paid.Amount.Nanos);

        // The budget view shows what the service committed.
        await officer.OpenAsync($"/budgets?policy={policyId}");
        await Expect(officer.Page.GetByTestId("budget-committed")).ToHaveTextAsync("¥1,234.56");
        await Expect(officer.Page.GetByTestId("budget-remaining")).ToHaveTextAsync("¥98,765.44");
        await Expect(officer.Page.GetByTestId("budget-approved")).ToHaveTextAsync("1");
        await officer.ScreenshotAsync("policy-budget");
        var policy = await new PolicyService.PolicyServiceClient(mesh.Redemption).GetPolicyAsync(
            new GetPolicyRequest { PolicyId = policyId }, mesh.Call(Roles.PolicyOfficer, "officer-check"));
        Assert.Equal((1234, 560_000_000, 1), (policy.BudgetCommitted.Units, policy.BudgetCommitted.Nanos, policy.ApprovedCount));
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

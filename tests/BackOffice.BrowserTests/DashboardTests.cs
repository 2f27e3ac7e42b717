using Microsoft.Playwright;
using TalentMesh.BackOffice.BrowserTests.Browser;
using TalentMesh.BackOffice.BrowserTests.Mesh;
using TalentMesh.BackOffice.BrowserTests.Seeding;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Evaluation.V1;
using TalentMesh.ServiceDefaults.Security;
using static Microsoft.Playwright.Assertions;

namespace TalentMesh.BackOffice.BrowserTests;

public sealed class DashboardTests(ConsoleMesh mesh)
{
    /// <summary>The talents-per-tier card shows Evaluation's counts, and follows a new tier C talent without a reload.</summary>
    [Fact]
    public async Task TalentsPerTier_ShowsEvaluationsCounts_AndRefreshesWhileOpen()
    {
        var first = await Applicant.RegisterAsync(mesh, "孙概览");
        await Officials.VerifyAsync(mesh, await first.SubmitTalentProgramAsync(TalentProgramLevel.Provincial));
        await Officials.ScoreAsync(mesh, first.TalentId, score => score.Tier == Tier.C);
        var before = await DistributionAsync();
        await using var officer = await ConsoleSession.SignInAsync(mesh, Roles.PolicyOfficer, "officer-dashboard");

        await officer.OpenAsync("/");
        await Expect(TierCell(officer.Page, "C — provincial leading talent")).ToHaveTextAsync(Count(before, Tier.C));
        await Expect(TierCell(officer.Page, "No tier")).ToHaveTextAsync(Count(before, Tier.None));
        await Expect(officer.Page.GetByTestId("dashboard-talents")).ToHaveTextAsync(before.Total.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var second = await Applicant.RegisterAsync(mesh, "周刷新");
        await Officials.VerifyAsync(mesh, await second.SubmitTalentProgramAsync(TalentProgramLevel.Provincial));
        await Officials.ScoreAsync(mesh, second.TalentId, score => score.Tier == Tier.C);
        var after = await DistributionAsync();

        Assert.Equal(before.Tiers.Single(t => t.Tier == Tier.C).Talents + 1, after.Tiers.Single(t => t.Tier == Tier.C).Talents);
        await Expect(TierCell(officer.Page, "C — provincial leading talent")).ToHaveTextAsync(Count(after, Tier.C));
        await Expect(officer.Page.GetByTestId("dashboard-talents")).ToHaveTextAsync(after.Total.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await AxeScan.AssertNoSeriousViolationsAsync(officer.Page, "dashboard with talents per tier");
        await officer.ScreenshotAsync("policy_officer-dashboard");
    }

    private static ILocator TierCell(IPage page, string tier) =>
        page.GetByTestId("dashboard-tiers").Locator("tbody tr", new() { Has = page.Locator("th", new() { HasTextString = tier }) }).Locator("td");

    private static string Count(TierDistribution distribution, Tier tier) =>
        distribution.Tiers.Single(t => t.Tier == tier).Talents.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<TierDistribution> DistributionAsync() =>
        await new ScoreService.ScoreServiceClient(mesh.Evaluation).GetTierDistributionAsync(new GetTierDistributionRequest(), mesh.Call(Roles.Admin, "admin-check"));
}

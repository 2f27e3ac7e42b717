using Bunit;
using TalentMesh.BackOffice.Dashboard;
using TalentMesh.BackOffice.Tests.Fakes;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Evaluation.V1;
using TalentMesh.Contracts.Redemption.V1;
using TalentMesh.ServiceDefaults.Security;

namespace TalentMesh.BackOffice.Tests;

/// <summary>A service that is down shows its banner; the parts of the page that use the others keep working.</summary>
public sealed class ServiceBannerTests
{
    [Fact]
    public async Task Dashboard_EvaluationDown_ShowsItsBannerAndStillCountsRedemptions()
    {
        await using var context = new ConsoleTestContext();
        context.AddAuthorization().SetAuthorized("officer-1").SetRoles(Roles.PolicyOfficer);
        context.Scores.OnTierDistribution = _ => throw FakeCall.Unavailable();
        context.Redemptions.OnList = request => new ListRedemptionsResponse
        {
            Redemptions = { Enumerable.Range(0, request.Status == RedemptionStatus.PendingReview ? 3 : 0).Select(i => new Redemption { RedemptionId = $"r-{i}" }) },
        };

        var page = context.RenderFrame<DashboardPage>();

        var banner = page.Find("[data-service=evaluation]");
        Assert.Contains("The evaluation service is unavailable.", banner.TextContent);
        Assert.Single(page.FindAll("[data-service]"));
        var pendingRow = page.FindAll("[data-testid=dashboard-redemptions] tbody tr").Single(row => row.TextContent.Contains("pending review", StringComparison.Ordinal));
        Assert.Equal("3", pendingRow.QuerySelector("td")!.TextContent);
    }

    [Fact]
    public async Task Banner_ServiceAnswersAgain_BannerDisappears()
    {
        await using var context = new ConsoleTestContext();
        var down = true;
        context.TalentCodes.OnVerify = _ => down ? throw FakeCall.Unavailable() : new Contracts.Registration.V1.VerifyTalentCodeResponse { Valid = true, Result = Contracts.Registration.V1.VerificationResult.Valid };
        var page = context.RenderFrame<TalentCodes.VerifyTalentCodePage>();

        page.Find("textarea").Change("TM1:ABC");
        await page.Find("form").SubmitAsync();
        Assert.Contains("The registration service is unavailable.", page.Find("[data-service=registration]").TextContent);

        down = false;
        await page.Find("form").SubmitAsync();
        Assert.Empty(page.FindAll("[data-service]"));
    }
}

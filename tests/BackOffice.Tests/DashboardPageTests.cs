using Bunit;
using TalentMesh.BackOffice.Dashboard;
using TalentMesh.BackOffice.Tests.Fakes;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Evaluation.V1;
using TalentMesh.Contracts.Redemption.V1;
using TalentMesh.Contracts.Registration.V1;
using TalentMesh.ServiceDefaults.Security;

namespace TalentMesh.BackOffice.Tests;

/// <summary>The landing dashboard: talents per tier from Evaluation, and every card refreshed on the console's clock.</summary>
public sealed class DashboardPageTests
{
    private static TierDistribution Distribution(int e, int none) => new()
    {
        Tiers =
        {
            new TierCount { Tier = Tier.A }, new TierCount { Tier = Tier.B }, new TierCount { Tier = Tier.C },
            new TierCount { Tier = Tier.D }, new TierCount { Tier = Tier.E, Talents = e }, new TierCount { Tier = Tier.None, Talents = none },
        },
        Total = e + none,
    };

    private static string CountIn(IRenderedComponent<PageFrame> page, string table, string row) =>
        page.FindAll($"[data-testid={table}] tbody tr").Single(r => r.QuerySelector("th")!.TextContent == row).QuerySelector("td")!.TextContent;

    [Fact]
    public async Task TiersCard_ShowsTheCountPerTierAndTheTotal()
    {
        await using var context = new ConsoleTestContext();
        context.AddAuthorization().SetAuthorized("hr-1").SetRoles(Roles.Hr);
        context.Credentials.OnList = _ => new ListPendingCredentialsResponse { TotalPending = 0 };
        context.Scores.OnTierDistribution = _ => Distribution(e: 4, none: 9);

        var page = context.RenderFrame<DashboardPage>();

        Assert.Equal("13", page.Find("[data-testid=dashboard-talents]").TextContent);
        Assert.Equal("4", CountIn(page, "dashboard-tiers", "E — senior talent"));
        Assert.Equal("9", CountIn(page, "dashboard-tiers", "No tier"));
        Assert.Equal("0", CountIn(page, "dashboard-tiers", "A — top talent"));
        Assert.NotNull(page.Find("svg")); // the chart (hidden from screen readers; the table carries the numbers)
    }

    [Fact]
    public async Task Cards_RefreshWhenTheIntervalPasses_NotBefore()
    {
        await using var context = new ConsoleTestContext();
        context.AddAuthorization().SetAuthorized("admin-1").SetRoles(Roles.Admin);
        var (e, pending) = (1, 2);
        var calls = 0;
        context.Scores.OnTierDistribution = _ =>
        {
            calls++;
            return Distribution(e, none: 0);
        };
        context.Redemptions.OnList = request => new ListRedemptionsResponse
        {
            Redemptions = { Enumerable.Range(0, request.Status == RedemptionStatus.PendingReview ? pending : 0).Select(i => new Redemption { RedemptionId = $"r-{i}" }) },
        };
        var page = context.RenderFrame<DashboardPage>();
        (e, pending) = (5, 7);

        context.Time.Advance(TimeSpan.FromSeconds(14));
        Assert.Equal("1", CountIn(page, "dashboard-tiers", "E — senior talent"));
        Assert.Equal(1, calls);

        context.Time.Advance(TimeSpan.FromSeconds(1));
        page.WaitForAssertion(() => Assert.Equal("5", CountIn(page, "dashboard-tiers", "E — senior talent")));
        page.WaitForAssertion(() => Assert.Equal("7", CountIn(page, "dashboard-redemptions", "pending review")));
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task EvaluationGoesDown_ItsCardEmptiesAndBannerShows_OthersKeepRefreshing_BackAfterwards()
    {
        await using var context = new ConsoleTestContext();
        context.AddAuthorization().SetAuthorized("officer-1").SetRoles(Roles.PolicyOfficer);
        var down = false;
        var pending = 1;
        context.Scores.OnTierDistribution = _ => down ? throw FakeCall.Unavailable() : Distribution(e: 2, none: 3);
        context.Redemptions.OnList = request => new ListRedemptionsResponse
        {
            Redemptions = { Enumerable.Range(0, request.Status == RedemptionStatus.PendingReview ? pending : 0).Select(i => new Redemption { RedemptionId = $"r-{i}" }) },
        };
        var page = context.RenderFrame<DashboardPage>();
        Assert.Equal("5", page.Find("[data-testid=dashboard-talents]").TextContent);

        (down, pending) = (true, 4);
        context.Time.Advance(TimeSpan.FromSeconds(15));
        page.WaitForAssertion(() => Assert.Contains("The evaluation service is unavailable.", page.Find("[data-service=evaluation]").TextContent));
        page.WaitForAssertion(() => Assert.Equal("4", CountIn(page, "dashboard-redemptions", "pending review")));
        Assert.Empty(page.FindAll("[data-testid=dashboard-talents]"));

        down = false;
        context.Time.Advance(TimeSpan.FromSeconds(15));
        page.WaitForAssertion(() => Assert.Equal("5", page.Find("[data-testid=dashboard-talents]").TextContent));
        Assert.Empty(page.FindAll("[data-service]"));
    }

    [Theory]
    [InlineData(Roles.Hr, "dashboard-pending,dashboard-tiers")]
    [InlineData(Roles.PolicyOfficer, "dashboard-redemptions,dashboard-tiers")]
    [InlineData(Roles.Admin, "dashboard-redemptions,dashboard-tiers")]
    [InlineData(Roles.Scanner, "")]
    public async Task EachRole_SeesItsOwnCards(string role, string cards)
    {
        await using var context = new ConsoleTestContext();
        context.AddAuthorization().SetAuthorized("someone").SetRoles(role);
        context.Credentials.OnList = _ => new ListPendingCredentialsResponse { TotalPending = 1 };
        context.Redemptions.OnList = _ => new ListRedemptionsResponse();
        context.Scores.OnTierDistribution = _ => Distribution(e: 1, none: 1);

        var page = context.RenderFrame<DashboardPage>();

        var shown = new[] { "dashboard-pending", "dashboard-redemptions", "dashboard-tiers" }.Where(id => page.FindAll($"[data-testid={id}]").Count > 0);
        Assert.Equal(cards, string.Join(",", shown));
        Assert.Equal(role == Roles.Scanner, page.FindAll("a[href='/talent-codes/verify']").Count > 0);
    }
}

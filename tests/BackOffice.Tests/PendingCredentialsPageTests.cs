using Bunit;
using Google.Protobuf.WellKnownTypes;
using TalentMesh.BackOffice.Credentials;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Registration.V1;

namespace TalentMesh.BackOffice.Tests;

/// <summary>The HR queue: oldest first as the service answers, filters, paging and a live count.</summary>
public sealed class PendingCredentialsPageTests
{
    private static Credential Pending(string id, int hour) => new()
    {
        CredentialId = id,
        TalentId = "talent-" + id,
        CredentialType = CredentialType.Degree,
        Status = CredentialStatus.Submitted,
        VerificationReference = "REF" + id,
        SubmittedAt = Timestamp.FromDateTime(new DateTime(2026, 12, 1, hour, 0, 0, DateTimeKind.Utc)),
    };

    [Fact]
    public async Task Queue_Loaded_ListsCredentialsInTheServicesOrderWithTheCount()
    {
        await using var context = new ConsoleTestContext();
        context.Credentials.OnList = _ => new ListPendingCredentialsResponse { Credentials = { Pending("a", 8), Pending("b", 9) }, TotalPending = 2 };

        var page = context.RenderInPage<PendingCredentialsPage>();

        var rows = page.FindAll("tbody tr[data-credential]").Select(row => row.GetAttribute("data-credential")).ToList();
        Assert.Equal(["a", "b"], rows);
        Assert.Equal("2 pending", page.Find("[data-testid=pending-count]").TextContent.Trim());
        Assert.Equal("/credentials/a", page.Find("tr[data-credential=a] a").GetAttribute("href"));
    }

    [Fact]
    public async Task Queue_TimerTicks_RefreshesTheLiveCount()
    {
        await using var context = new ConsoleTestContext();
        var total = 2;
        context.Credentials.OnList = _ => new ListPendingCredentialsResponse { Credentials = { Pending("a", 8) }, TotalPending = total };
        var page = context.RenderInPage<PendingCredentialsPage>();
        Assert.Equal("2 pending", page.Find("[data-testid=pending-count]").TextContent.Trim());

        total = 5;
        context.Time.Advance(context.Console.RefreshInterval);

        page.WaitForAssertion(() => Assert.Equal("5 pending", page.Find("[data-testid=pending-count]").TextContent.Trim()), TimeSpan.FromSeconds(30));
        Assert.Equal(1, context.Credentials.ListRequests[^1].PageSize);
    }

    [Fact]
    public async Task Queue_EmployerFilterApplied_AsksForThatEmployerFromTheFirstPage()
    {
        await using var context = new ConsoleTestContext();
        context.Credentials.OnList = _ => new ListPendingCredentialsResponse { Credentials = { Pending("a", 8) }, TotalPending = 1 };
        var page = context.RenderInPage<PendingCredentialsPage>();

        page.Find("#filter-employer").Change("91330106MA2AXXXX1X");
        await page.Find("form").SubmitAsync();

        var request = context.Credentials.ListRequests[^1];
        Assert.Equal("91330106MA2AXXXX1X", request.EmployerCreditCode);
        Assert.Equal("", request.PageToken);
    }

    [Fact]
    public async Task Queue_NextThenPrevious_ReplaysThePageTokens()
    {
        await using var context = new ConsoleTestContext();
        context.Credentials.OnList = request => request.PageToken == ""
            ? new ListPendingCredentialsResponse { Credentials = { Pending("a", 8) }, NextPageToken = "page-2", TotalPending = 2 }
            : new ListPendingCredentialsResponse { Credentials = { Pending("b", 9) }, TotalPending = 2 };
        var page = context.RenderInPage<PendingCredentialsPage>();

        page.FindAll("nav button")[1].Click();
        Assert.Equal("page-2", context.Credentials.ListRequests[^1].PageToken);
        Assert.NotNull(page.Find("tr[data-credential=b]"));

        page.FindAll("nav button")[0].Click();
        Assert.Equal("", context.Credentials.ListRequests[^1].PageToken);
        Assert.NotNull(page.Find("tr[data-credential=a]"));
    }
}

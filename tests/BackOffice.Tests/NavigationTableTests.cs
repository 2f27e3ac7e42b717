using System.Reflection;
using Bunit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using TalentMesh.BackOffice.Resources;
using TalentMesh.BackOffice.Layout;
using TalentMesh.ServiceDefaults.Security;

namespace TalentMesh.BackOffice.Tests;

/// <summary>Role-based navigation: one table, and each role sees exactly its own entries.</summary>
public sealed class NavigationTableTests
{
    public static TheoryData<string> ConsoleRoles => [Roles.Hr, Roles.PolicyOfficer, Roles.Admin, Roles.Scanner];

    [Theory]
    [MemberData(nameof(ConsoleRoles))]
    public async Task NavMenu_SignedInWithRole_ShowsExactlyTheEntriesOfThatRole(string role)
    {
        await using var context = new ConsoleTestContext();
        context.AddAuthorization().SetAuthorized("someone").SetRoles(role);

        var menu = context.Render<NavMenu>();

        var shown = menu.FindAll("a").Select(link => new Uri(new Uri("http://localhost"), link.GetAttribute("href")).AbsolutePath).ToList();
        var expected = NavigationTable.Entries.Where(entry => entry.Role == role || entry.Role == NavigationTable.AnySignedIn)
            .Select(entry => entry.Route).ToList();
        Assert.Equal(expected, shown);
        Assert.Contains("/", shown);
    }

    [Fact]
    public async Task NavMenu_HrReviewer_ShowsQueueAndAuditButNotTheScannerPage()
    {
        await using var context = new ConsoleTestContext();
        context.AddAuthorization().SetAuthorized("hr-1").SetRoles(Roles.Hr);

        var menu = context.Render<NavMenu>();

        Assert.Contains("Pending credentials", menu.Markup);
        Assert.Contains("Talent audit trail", menu.Markup);
        Assert.DoesNotContain("Verify talent code", menu.Markup);
    }

    [Fact]
    public async Task NavMenu_NotSignedIn_ShowsNothing()
    {
        await using var context = new ConsoleTestContext();
        context.AddAuthorization().SetNotAuthorized();

        var menu = context.Render<NavMenu>();

        Assert.Empty(menu.FindAll("a"));
    }

    [Fact]
    public void NavigationTable_EveryEntry_MatchesItsPagesRouteAndAuthorizedRole()
    {
        foreach (var entry in NavigationTable.Entries)
        {
            var routes = entry.Page.GetCustomAttributes<RouteAttribute>().Select(route => route.Template);
            Assert.Contains(entry.Route, routes);
            var authorize = entry.Page.GetCustomAttribute<AuthorizeAttribute>();
            Assert.True(authorize is not null, $"{entry.Page.Name} has no [Authorize]");
            if (entry.Role == NavigationTable.AnySignedIn)
                Assert.Null(authorize.Roles);
            else
                Assert.Equal(entry.Role, authorize.Roles);
        }
    }

    [Fact]
    public async Task NavigationTable_EveryEntry_HasText()
    {
        await using var context = new ConsoleTestContext("zh-CN");
        var text = context.Services.GetRequiredService<IStringLocalizer<UiText>>();
        foreach (var entry in NavigationTable.Entries)
            Assert.False(text[entry.TextKey].ResourceNotFound, $"{entry.TextKey} has no text");
    }
}

using Bunit;
using Microsoft.AspNetCore.Components;
using TalentMesh.BackOffice.Layout;
using TalentMesh.ServiceDefaults.Security;

namespace TalentMesh.BackOffice.Tests;

/// <summary>The shell every page sits in: landmarks, a skip link first, labelled navigation, the language switch.</summary>
public sealed class MainLayoutTests
{
    [Fact]
    public async Task MainLayout_SignedIn_HasLandmarksSkipLinkNavigationAndLanguageSwitch()
    {
        await using var context = new ConsoleTestContext();
        context.AddAuthorization().SetAuthorized("hr-1").SetRoles(Roles.Hr);

        var layout = context.Render<MainLayout>(p => p.Add(x => x.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<h1>Page</h1>"))));

        var skip = layout.Find("a.skip-link");
        Assert.Equal("#main-content", skip.GetAttribute("href"));
        Assert.NotNull(layout.Find("header"));
        Assert.Equal("Main navigation", layout.Find("nav[aria-label]").GetAttribute("aria-label"));
        Assert.Contains("<h1>Page</h1>", layout.Find("main#main-content").InnerHtml);
        Assert.Equal("Show or hide navigation", layout.Find("header button[aria-label]").GetAttribute("aria-label"));
        var languages = layout.FindAll("[role=group] button").Select(button => (button.TextContent.Trim(), button.GetAttribute("aria-pressed"))).ToList();
        Assert.Equal([("中文", "false"), ("English", "true")], languages);
    }
}

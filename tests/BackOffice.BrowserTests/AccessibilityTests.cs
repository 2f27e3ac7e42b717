using TalentMesh.BackOffice.BrowserTests.Browser;
using TalentMesh.BackOffice.BrowserTests.Mesh;
using TalentMesh.ServiceDefaults.Security;

namespace TalentMesh.BackOffice.BrowserTests;

public sealed class AccessibilityTests(ConsoleMesh mesh)
{
    [Fact]
    public async Task SignInPage_Anonymous_HasNoSeriousOrCriticalViolation()
    {
        var page = await mesh.NewPageAsync();
        try
        {
            await page.GotoAsync("/culture?culture=en&redirectUri=%2Fsignin%2Fdev");
            await page.Locator("h1").WaitForAsync();
            await AxeScan.AssertNoSeriousViolationsAsync(page, "Development sign-in");
            await ConsoleSession.ScreenshotAsync(page, "sign-in");
        }
        finally
        {
            await page.Context.DisposeAsync();
        }
    }

    /// <summary>Every page of the role's navigation (the navigation table as the console renders it for the role).</summary>
    [Theory]
    [InlineData(Roles.Hr)]
    [InlineData(Roles.PolicyOfficer)]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Scanner)]
    public async Task NavigationPages_EachRole_HaveNoSeriousOrCriticalViolation(string role)
    {
        await using var session = await ConsoleSession.SignInAsync(mesh, role, role + "-axe");
        var routes = await session.Page.Locator("nav a[href]").EvaluateAllAsync<string[]>(
            "links => links.map(link => new URL(link.href).pathname)");
        Assert.Contains("/", routes);
        Assert.True(routes.Length >= 2, $"the {role} navigation shows only {string.Join(", ", routes)}");
        foreach (var route in routes.Distinct())
        {
            await session.OpenAsync(route);
            await AxeScan.AssertNoSeriousViolationsAsync(session.Page, $"{route} as {role}");
            await session.ScreenshotAsync($"{role}{(route == "/" ? "-dashboard" : route.Replace('/', '-'))}");
        }
    }
}

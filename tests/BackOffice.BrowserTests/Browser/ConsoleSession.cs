using Microsoft.Playwright;
using TalentMesh.BackOffice.BrowserTests.Mesh;

namespace TalentMesh.BackOffice.BrowserTests.Browser;

/// <summary>
/// A person at the console: signs in through the Development sign-in page as a role, in English (the console opens
/// in Chinese; the culture cookie switches it), and opens pages, waiting until the interactive page has rendered.
/// </summary>
public sealed class ConsoleSession(IPage page) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    public static async Task<ConsoleSession> SignInAsync(ConsoleMesh mesh, string role, string subject)
    {
        var session = new ConsoleSession(await mesh.NewPageAsync());
        await session.Page.GotoAsync("/culture?culture=en&redirectUri=%2Fsignin%2Fdev");
        await session.Page.Locator($"#role-{role}").CheckAsync();
        await session.Page.Locator("#subject").FillAsync(subject);
        await session.Page.Locator("button[type=submit]").ClickAsync();
        await session.WaitForHeadingAsync();
        return session;
    }

    /// <summary>Opens a console route and waits for its heading (pages render only once the circuit is up).</summary>
    public async Task OpenAsync(string route, string? heading = null)
    {
        await Page.GotoAsync(route);
        await WaitForHeadingAsync(heading);
    }

    public async Task WaitForHeadingAsync(string? text = null)
    {
        var heading = text is null ? Page.Locator("main h1") : Page.Locator("main h1", new() { HasTextString = text });
        await heading.First.WaitForAsync();
    }

    /// <summary>
    /// A PNG of the whole page. A test run leaves the repository as it found it: the pictures go to the test output
    /// folder, and into docs/console/ (shown by docs/console.md) only when TALENTMESH_UPDATE_SCREENSHOTS=1 asks for it.
    /// </summary>
    public Task ScreenshotAsync(string name) => ScreenshotAsync(Page, name);

    /// <summary>The same for a page outside a signed-in session (the sign-in page).</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var directory = Environment.GetEnvironmentVariable("TALENTMESH_UPDATE_SCREENSHOTS") == "1"
            ? Path.Combine(TalentMesh.Testing.Mesh.ServiceBuildOutput.RepositoryRoot, "docs", "console")
            : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, name + ".png"), FullPage = true });
    }

    public async ValueTask DisposeAsync() => await Page.Context.DisposeAsync();
}

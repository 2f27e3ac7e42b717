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

    /// <summary>A PNG of the whole page under docs/console/ of the repository (referenced from docs/console.md).</summary>
    public async Task ScreenshotAsync(string name)
    {
        var directory = Path.Combine(TalentMesh.Testing.Mesh.ServiceBuildOutput.RepositoryRoot, "docs", "console");
        Directory.CreateDirectory(directory);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, name + ".png"), FullPage = true });
    }

    public async ValueTask DisposeAsync() => await Page.Context.DisposeAsync();
}

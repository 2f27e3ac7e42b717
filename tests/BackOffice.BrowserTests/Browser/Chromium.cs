using Microsoft.Playwright;

namespace TalentMesh.BackOffice.BrowserTests.Browser;

/// <summary>
/// Debian's headless Chromium, installed by scripts/ensure-prerequisites.sh like redis-server. Playwright never
/// downloads a browser build here: a missing browser fails the test run with the install hint, it is never skipped.
/// </summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium-headless-shell";

    public const string InstallHint =
        "Headless Chromium is missing (" + ExecutablePath + "). Install it: scripts/ensure-prerequisites.sh, " +
        "or apt-get install -y chromium-headless-shell fonts-liberation fonts-wqy-microhei";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException(InstallHint);
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
            });
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }
}

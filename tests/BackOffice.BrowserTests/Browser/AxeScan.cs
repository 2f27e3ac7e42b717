using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace TalentMesh.BackOffice.BrowserTests.Browser;

/// <summary>An axe-core scan of what the page shows now: no <c>serious</c> or <c>critical</c> violation may remain.</summary>
public static class AxeScan
{
    private static readonly HashSet<string> Blocking = ["serious", "critical"];

    /// <summary>Fails listing each blocking violation with its rule id, impact and the elements it hit.</summary>
    public static async Task AssertNoSeriousViolationsAsync(IPage page, string pageName)
    {
        var result = await page.RunAxe();
        var blocking = result.Violations.Where(violation => Blocking.Contains(violation.Impact ?? "")).ToList();
        Assert.True(blocking.Count == 0,
            $"axe found {blocking.Count} serious or critical violation(s) on {pageName} ({page.Url}):{Environment.NewLine}" +
            string.Join(Environment.NewLine, blocking.Select(Describe)));
    }

    private static string Describe(AxeResultItem violation) =>
        $"- {violation.Id} ({violation.Impact}): {violation.Help}; targets: " +
        string.Join(" | ", violation.Nodes.Select(node => node.Target?.ToString() ?? "?"));
}

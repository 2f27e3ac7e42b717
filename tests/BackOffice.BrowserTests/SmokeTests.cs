using TalentMesh.BackOffice.BrowserTests.Browser;
using TalentMesh.BackOffice.BrowserTests.Mesh;

namespace TalentMesh.BackOffice.BrowserTests;

public sealed class SmokeTests(ConsoleMesh mesh)
{
    [Fact]
    public async Task Browser_OpensAPage_RendersIt()
    {
        var page = await mesh.Browser.NewPageAsync();
        await page.SetContentAsync("<html lang=en><head><title>t</title></head><body><main><h1>Hello</h1></main></body></html>");
        Assert.Equal("Hello", await page.InnerTextAsync("h1"));
        await AxeScan.AssertNoSeriousViolationsAsync(page, "smoke");
    }
}

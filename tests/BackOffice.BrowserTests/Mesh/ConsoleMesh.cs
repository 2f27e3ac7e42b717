using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Playwright;
using TalentMesh.BackOffice.BrowserTests.Browser;
using TalentMesh.Testing;
using TalentMesh.Testing.Mesh;
using SharedMesh = TalentMesh.Testing.Mesh.Mesh;

namespace TalentMesh.BackOffice.BrowserTests.Mesh;

/// <summary>
/// One mesh for the whole test assembly: a real redis-server, Registration, Evaluation and Redemption as real
/// processes (the shared launcher), the BackOffice console as a fourth, and one headless Chromium. Tests share it and
/// keep apart by creating their own data (fresh talents, policies, rule-set versions) and their own browser context.
/// </summary>
public sealed class ConsoleMesh : IAsyncLifetime
{
    private SharedMesh? mesh;
    private IPlaywright? playwright;
    private IBrowser? browser;

    public SharedMesh Services => mesh ?? throw new InvalidOperationException("The mesh has not started.");

    public GrpcChannel Registration => Services.Registration.Channel;

    public GrpcChannel Evaluation => Services.Evaluation.Channel;

    public GrpcChannel Redemption => Services.Redemption.Channel;

    /// <summary>Where the console listens (Development: its Development sign-in is mapped).</summary>
    public Uri ConsoleAddress { get; } = new($"http://127.0.0.1:{LoopbackPorts.FindFree()}");

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser has not started.");

    public async ValueTask InitializeAsync()
    {
        // The browser first: a machine without it fails at once with the install hint, before any process starts.
        (playwright, browser) = await Chromium.LaunchAsync();
        mesh = await SharedMesh.StartAsync(new MeshOptions { KeyPrefix = "browser:" });
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = ConsoleAddress.ToString(),
            // Live counts refresh every second, so a page shows what the services hold without a reload.
            ["BackOffice__Dashboard__RefreshInterval"] = "00:00:01",
        };
        foreach (var service in mesh.Services)
        {
            environment[$"Services__{service.Project}__Grpc"] = service.GrpcAddress.ToString();
            environment[$"Services__{service.Project}__Http"] = service.HttpAddress.ToString();
        }
        await mesh.StartProcessAsync("backoffice", ServiceBuildOutput.AssemblyOf("BackOffice"), environment, new Uri(ConsoleAddress, "/readyz"));
    }

    /// <summary>Call options as <paramref name="role"/>/<paramref name="subject"/> (a Development token the services accept).</summary>
    public CallOptions Call(string role, string subject) =>
        SharedMesh.Call(Services.Registration.Token(role, subject), TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

    /// <summary>A fresh browser context (own cookies: own sign-in) with one page, English UI, a desktop viewport.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = ConsoleAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
            Locale = "en-US",
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
            await browser.DisposeAsync();
        playwright?.Dispose();
        if (mesh is not null)
            await mesh.DisposeAsync();
    }
}

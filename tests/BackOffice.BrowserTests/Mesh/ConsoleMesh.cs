using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using TalentMesh.BackOffice.BrowserTests.Browser;
using TalentMesh.ServiceDefaults.Security;
using TalentMesh.Testing;

namespace TalentMesh.BackOffice.BrowserTests.Mesh;

/// <summary>
/// One mesh for the whole test assembly: a real redis-server, Registration, Evaluation and Redemption as real
/// processes, the BackOffice console as a fourth, and one headless Chromium. Tests share it and keep apart by
/// creating their own data (fresh talents, policies, rule-set ids) and their own browser context.
/// </summary>
public sealed class ConsoleMesh : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> processes = [];
    private RedisServer? redis;
    private IPlaywright? playwright;
    private IBrowser? browser;
    private AccessTokenIssuer? tokens;

    public GrpcChannel Registration { get; private set; } = null!;

    public GrpcChannel Evaluation { get; private set; } = null!;

    public GrpcChannel Redemption { get; private set; } = null!;

    public RedisServer Redis => redis ?? throw new InvalidOperationException("The mesh has not started.");

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser has not started.");

    public async ValueTask InitializeAsync()
    {
        // The browser first: a machine without it fails at once with the install hint, before any process starts.
        (playwright, browser) = await Chromium.LaunchAsync();
        redis = await RedisServer.StartNewAsync();
        var prefix = "browser:";
        Registration = await StartServiceAsync("Registration", prefix);
        Evaluation = await StartServiceAsync("Evaluation", prefix);
        Redemption = await StartServiceAsync("Redemption", prefix);
        tokens = new AccessTokenIssuer(Options.Create(ReadAuthOptions()), TimeProvider.System);
    }

    /// <summary>A Development token, minted with the key the services validate (their appsettings.Development.json).</summary>
    public string Token(string role, string subject) =>
        (tokens ?? throw new InvalidOperationException("The mesh has not started.")).Issue(subject, role);

    /// <summary>Call options as <paramref name="role"/>/<paramref name="subject"/>, with a deadline so no call hangs a test.</summary>
    public CallOptions Call(string role, string subject) => new(
        new Metadata { { "Authorization", "Bearer " + Token(role, subject) } },
        DateTime.UtcNow + TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

    private async Task<GrpcChannel> StartServiceAsync(string project, string prefix)
    {
        var grpcPort = LoopbackPorts.FindFree();
        var httpPort = LoopbackPorts.FindFree();
        var settings = ServiceHost<object>.DefaultSettings(Redis.ConnectionString, prefix);
        settings["Service:GrpcPort"] = grpcPort.ToString();
        settings["Service:HttpPort"] = httpPort.ToString();
        var environment = settings.ToDictionary(setting => setting.Key.Replace(":", "__", StringComparison.Ordinal), setting => setting.Value);
        environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        var process = new ProcessUnderTest(project, environment, new Uri($"http://127.0.0.1:{httpPort}/readyz"));
        processes.Add(process);
        await process.StartAsync();
        return GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}");
    }

    private static AuthOptions ReadAuthOptions()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "TalentMesh.sln")))
            root = root.Parent;
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(root!.FullName, "services", "Registration", "appsettings.json"))
            .AddJsonFile(Path.Combine(root.FullName, "services", "Registration", "appsettings.Development.json"))
            .Build();
        return configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
            await browser.DisposeAsync();
        playwright?.Dispose();
        foreach (var process in Enumerable.Reverse(processes))
            await process.DisposeAsync();
        Registration?.Dispose();
        Evaluation?.Dispose();
        Redemption?.Dispose();
        if (redis is not null)
            await redis.DisposeAsync();
    }
}

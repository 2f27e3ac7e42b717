using Grpc.Net.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using TalentMesh.ServiceDefaults.Security;

namespace TalentMesh.Testing.Mesh;

/// <summary>
/// One TalentMesh service (Registration, Evaluation or Redemption) as a real process on two fixed loopback ports:
/// an h2c gRPC port and an HTTP/1.1 port (JSON transcoding, /healthz, /readyz, /metrics). <see cref="KillAsync"/>
/// crashes it; <see cref="StartAsync"/> brings it back on the same ports with the same settings.
/// </summary>
public sealed class MeshService : IAsyncDisposable
{
    private MeshProcess process;
    private bool everStarted;

    internal MeshService(string project, IReadOnlyDictionary<string, string?> settings, TimeSpan readyWithin)
    {
        Project = project;
        ReadyWithin = readyWithin;
        Settings = settings;
        AssemblyPath = ServiceBuildOutput.AssemblyOf(project);
        process = CreateProcess(LoopbackPorts.FindFree(), LoopbackPorts.FindFree());
    }

    /// <summary>The project folder under services/, e.g. "Registration".</summary>
    public string Project { get; }

    public string AssemblyPath { get; }

    /// <summary>The configuration given to the process (keys with ':'; passed as <c>Section__Key</c> environment variables).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; }

    /// <summary>How long a start may take to answer /readyz.</summary>
    public TimeSpan ReadyWithin { get; }

    public int GrpcPort { get; private set; }

    public int HttpPort { get; private set; }

    public Uri GrpcAddress => new($"http://127.0.0.1:{GrpcPort}");

    public Uri HttpAddress => new($"http://127.0.0.1:{HttpPort}");

    /// <summary>gRPC over h2c; survives restarts (the channel reconnects to the same port).</summary>
    public GrpcChannel Channel { get; private set; } = null!;

    /// <summary>HTTP/1.1 to the JSON transcoding, /healthz, /readyz and /metrics.</summary>
    public HttpClient Http { get; private set; } = null!;

    public MeshProcess Process => process;

    public int ProcessId => process.ProcessId;

    /// <summary>Starts the service and waits for /readyz. The first start retries on fresh ports if another process took one.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await process.StartAsync(ReadyWithin, cancellationToken);
                everStarted = true;
                return;
            }
            catch (MeshProcessExitedException exited) when (!everStarted && attempt < 3 && exited.Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                Http.Dispose();
                Channel.Dispose();
                process = CreateProcess(LoopbackPorts.FindFree(), LoopbackPorts.FindFree());
            }
        }
    }

    /// <summary>SIGKILL (a crash); the ports stay this service's for <see cref="StartAsync"/>.</summary>
    public Task KillAsync() => process.KillAsync();

    /// <summary>A Development bearer token minted with the signing key this service validates (its appsettings + overrides).</summary>
    public string Token(string role, string subject = "test-user") => (issuer ??= CreateIssuer()).Issue(subject, role);

    private AccessTokenIssuer? issuer;

    private AccessTokenIssuer CreateIssuer()
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(Path.GetDirectoryName(AssemblyPath)!)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile("appsettings.Development.json", optional: true)
            .AddInMemoryCollection(Settings)
            .Build();
        var auth = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        return new AccessTokenIssuer(Options.Create(auth), TimeProvider.System);
    }

    private MeshProcess CreateProcess(int grpcPort, int httpPort)
    {
        GrpcPort = grpcPort;
        HttpPort = httpPort;
        Channel = GrpcChannel.ForAddress(GrpcAddress);
        Http = new HttpClient { BaseAddress = HttpAddress, Timeout = TimeSpan.FromSeconds(30) };
        var environment = Settings.ToDictionary(setting => setting.Key.Replace(":", "__", StringComparison.Ordinal), setting => setting.Value);
        environment["Service__GrpcPort"] = grpcPort.ToString();
        environment["Service__HttpPort"] = httpPort.ToString();
        return new MeshProcess(Project.ToLowerInvariant(), AssemblyPath, environment, new Uri(HttpAddress, "/readyz"));
    }

    public async ValueTask DisposeAsync()
    {
        await process.DisposeAsync();
        Http.Dispose();
        Channel.Dispose();
    }
}

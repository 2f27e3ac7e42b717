using System.Net.Http.Json;
using Grpc.Net.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TalentMesh.ServiceDefaults.Security;
using TalentMesh.Testing.Mesh;

namespace TalentMesh.Load;

/// <summary>A process whose CPU and memory are sampled during the run.</summary>
public sealed record WatchedProcess(string Name, int ProcessId, bool IsService = true);

/// <summary>
/// The mesh under load: gRPC channels to Registration and Redemption, tokens, and the processes to watch. Either a mesh
/// this program starts (the test infrastructure's launcher: redis-server and the three services as processes on free
/// loopback ports) or one already running (scripts/run.sh's ports by default).
/// </summary>
public sealed class LoadTarget : IAsyncDisposable
{
    private readonly Mesh? mesh;
    private readonly AccessTokenIssuer applicantIssuer;

    private LoadTarget(string description, Uri registration, Uri redemption, AccessTokenIssuer applicantIssuer,
        string hrToken, string officerToken, IReadOnlyList<WatchedProcess> processes, Mesh? mesh)
    {
        Description = description;
        Registration = Channel(registration);
        Redemption = Channel(redemption);
        this.applicantIssuer = applicantIssuer;
        HrToken = hrToken;
        OfficerToken = officerToken;
        Processes = processes;
        this.mesh = mesh;
    }

    public string Description { get; }

    public GrpcChannel Registration { get; }

    public GrpcChannel Redemption { get; }

    public string HrToken { get; }

    public string OfficerToken { get; }

    public IReadOnlyList<WatchedProcess> Processes { get; }

    /// <summary>An applicant token for a new talent (the talent id is the token's subject), minted with the Development key.</summary>
    public string ApplicantToken(string talentId) => applicantIssuer.Issue(talentId, Roles.Applicant, TimeSpan.FromHours(2));

    /// <summary>
    /// The event-bus timings the test mesh shortens so that its drills see a killed consumer's entries reclaimed within
    /// seconds (<see cref="Mesh.DefaultSettings"/>). The load runs the services with their defaults, as deployed: the
    /// consumer does its housekeeping (reclaim, lag, idle consumers: three round trips per topic) between two reads,
    /// every 5 s as deployed and every 500 ms in the test mesh, which is not what a zone runs.
    /// </summary>
    private static readonly string[] MeshBusTimings =
        ["EventBus:BlockTime", "EventBus:RelayPollInterval", "EventBus:RedeliverInterval", "EventBus:ProcessingTimeout"];

    public static async Task<LoadTarget> StartMeshAsync(CancellationToken cancellationToken)
    {
        var mesh = await Mesh.StartAsync(new MeshOptions
        {
            KeyPrefix = $"load{Environment.ProcessId}:",
            Configure = (_, settings) =>
            {
                settings["Logging:LogLevel:Default"] = "Warning";
                settings["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning";
                // The bus's own timings, as a zone runs them, not the tests' short ones (see MeshBusTimings).
                foreach (var key in MeshBusTimings)
                    settings.Remove(key);
            },
        }, cancellationToken);
        try
        {
            var processes = mesh.Services.Select(s => new WatchedProcess(s.Project.ToLowerInvariant(), s.ProcessId)).ToList();
            if (ProcFs.FindProcess("redis-server", $"{mesh.Redis.Port}") is { } redis)
                processes.Add(new WatchedProcess("redis-server", redis, IsService: false));
            return new LoadTarget(
                $"private mesh (redis-server :{mesh.Redis.Port}, registration {mesh.Registration.GrpcAddress}, redemption {mesh.Redemption.GrpcAddress})",
                mesh.Registration.GrpcAddress, mesh.Redemption.GrpcAddress, DevelopmentIssuer(Path.GetDirectoryName(mesh.Registration.AssemblyPath)!),
                mesh.Registration.Token(Roles.Hr, "load-hr"), mesh.Redemption.Token(Roles.PolicyOfficer, "load-officer"), processes, mesh);
        }
        catch
        {
            await mesh.DisposeAsync();
            throw;
        }
    }

    /// <summary>Attaches to a running mesh: HR and policy-officer tokens from its Development token endpoint.</summary>
    public static async Task<LoadTarget> AttachAsync(LoadOptions options, CancellationToken cancellationToken)
    {
        var hr = await DevelopmentTokenAsync(options.RegistrationHttp, Roles.Hr, "load-hr", cancellationToken);
        var officer = await DevelopmentTokenAsync(options.RedemptionHttp, Roles.PolicyOfficer, "load-officer", cancellationToken);
        var processes = new List<WatchedProcess>();
        foreach (var project in Mesh.Projects)
        {
            if (ProcFs.FindService($"TalentMesh.{project}") is { } pid)
                processes.Add(new WatchedProcess(project.ToLowerInvariant(), pid));
        }
        if (ProcFs.FindProcess("redis-server", "6380") is { } redis)
            processes.Add(new WatchedProcess("redis-server", redis, IsService: false));
        return new LoadTarget($"running mesh (registration {options.RegistrationGrpc}, redemption {options.RedemptionGrpc})",
            options.RegistrationGrpc, options.RedemptionGrpc, DevelopmentIssuer(Path.Combine(ServiceBuildOutput.RepositoryRoot, "services", "Registration")),
            hr, officer, processes, null);
    }

    /// <summary>The issuer Registration itself trusts in Development: its appsettings.json and appsettings.Development.json.</summary>
    private static AccessTokenIssuer DevelopmentIssuer(string directory)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(directory)
            .AddJsonFile("appsettings.json", optional: false)
            .AddJsonFile("appsettings.Development.json", optional: false)
            .Build();
        var auth = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        return new AccessTokenIssuer(Options.Create(auth), TimeProvider.System);
    }

    private static async Task<string> DevelopmentTokenAsync(Uri http, string role, string subject, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = http, Timeout = TimeSpan.FromSeconds(10) };
        using var response = await client.PostAsJsonAsync(DevelopmentTokenEndpoint.Path,
            new DevelopmentTokenRequest(role, subject, 120), cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException(
                $"POST {new Uri(http, DevelopmentTokenEndpoint.Path)} answered {(int)response.StatusCode}: the mesh must run in Development (scripts/run.sh), or use --start-mesh.");
        return (await response.Content.ReadFromJsonAsync<DevelopmentTokenResponse>(cancellationToken))!.Token;
    }

    /// <summary>h2c with more than one connection: one HTTP/2 connection caps concurrent streams (100 in Kestrel).</summary>
    private static GrpcChannel Channel(Uri address) => GrpcChannel.ForAddress(address, new GrpcChannelOptions
    {
        HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) },
    });

    /// <summary>
    /// The warning and error log entries of a private mesh's services (level line and message line, as the console
    /// logger writes them), counted by message with ids and numbers blanked; empty when attached to a mesh.
    /// </summary>
    public IReadOnlyList<(string Service, string Message, int Count)> ServiceWarnings()
    {
        if (mesh is null)
            return [];
        var found = new List<(string, string, int)>();
        foreach (var service in mesh.Services)
        {
            var lines = service.Process.OutputLines;
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i + 1 < lines.Count; i++)
            {
                if (!lines[i].StartsWith("warn:", StringComparison.Ordinal) && !lines[i].StartsWith("fail:", StringComparison.Ordinal))
                    continue;
                var message = lines[i][..4] + " " + System.Text.RegularExpressions.Regex.Replace(lines[i + 1].Trim(), @"[0-9a-f]{8}-[0-9a-f-]{27}|\d+", "#");
                counts[message] = counts.GetValueOrDefault(message) + 1;
            }
            found.AddRange(counts.OrderByDescending(c => c.Value).Take(5).Select(c => (service.Project, c.Key, c.Value)));
        }
        return found;
    }

    /// <summary>Fills a private mesh's Redis with <paramref name="count"/> keys no service reads (see <see cref="KeyspaceFiller"/>); nothing when attached.</summary>
    public async Task PrefillAsync(long count, CancellationToken cancellationToken)
    {
        if (mesh is not null && count > 0)
            await KeyspaceFiller.FillAsync(mesh.RedisConnection, count, cancellationToken);
    }

    /// <summary>A private mesh's Redis key counts; null when attached.</summary>
    public async Task<KeyCount?> KeyCountAsync()
    {
        if (mesh is null)
            return null;
        await using var admin = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{mesh.Redis.Port},allowAdmin=true");
        return await KeyCount.ReadAsync(admin.GetServers()[0]);
    }

    /// <summary>The consumer groups' backlog on a private mesh's topic streams (see <see cref="ConsumerBacklog"/>); null when attached.</summary>
    public async Task<ConsumerBacklog?> WatchConsumersAsync() =>
        mesh is null ? null : await ConsumerBacklog.StartAsync(mesh.RedisConnection, mesh.KeyPrefix);

    /// <summary>Each service's HTTP client for its /metrics, by process name; none when attached.</summary>
    public IReadOnlyList<(string Name, HttpClient Http)> MetricsClients =>
        mesh is null ? [] : mesh.Services.Select(s => (s.Project.ToLowerInvariant(), s.Http)).ToList();

    /// <summary>GC pauses and slow Redis commands of a private mesh (see <see cref="StallSources"/>); null when attached.</summary>
    public async Task<StallSources?> StallSourcesAsync(CancellationToken cancellationToken) =>
        mesh is null ? null : await StallSources.ReadAsync(MetricsClients, mesh.Redis.Port, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        Registration.Dispose();
        Redemption.Dispose();
        if (mesh is not null)
            await mesh.DisposeAsync();
    }
}

using Grpc.Core;
using StackExchange.Redis;

namespace TalentMesh.Testing.Mesh;

/// <summary>
/// The three services as real OS processes against a real redis-server, the way a zone runs them (redis transport,
/// Development settings), on free loopback ports. Start with <see cref="StartAsync"/>; dispose to kill everything the
/// mesh started. More processes (e.g. the BackOffice console) join with <see cref="StartProcessAsync"/>.
/// </summary>
/// <remarks>
/// The services are run from their build output in the tests' configuration (<see cref="ServiceBuildOutput"/>);
/// a test project imports <c>tests/TestInfrastructure/Mesh/MeshServices.targets</c> so they are built with it.
/// </remarks>
public sealed class Mesh : IAsyncDisposable
{
    public static readonly string[] Projects = ["Registration", "Evaluation", "Redemption"];

    private readonly bool ownsRedis;
    private readonly List<MeshProcess> extraProcesses = [];
    private ConnectionMultiplexer? connection;

    private Mesh(RedisServer redis, bool ownsRedis, string keyPrefix, IReadOnlyList<MeshService> services)
    {
        Redis = redis;
        this.ownsRedis = ownsRedis;
        KeyPrefix = keyPrefix;
        Registration = services[0];
        Evaluation = services[1];
        Redemption = services[2];
    }

    public RedisServer Redis { get; }

    /// <summary>This mesh's key and topic prefix (see <see cref="MeshOptions.KeyPrefix"/>).</summary>
    public string KeyPrefix { get; }

    public MeshService Registration { get; }

    public MeshService Evaluation { get; }

    public MeshService Redemption { get; }

    public IReadOnlyList<MeshService> Services => [Registration, Evaluation, Redemption];

    /// <summary>The mesh's topic streams (publish a neighbour's event, read what was published, count dead letters).</summary>
    public TopicStreams Topics => new(RedisConnection, KeyPrefix);

    /// <summary>A connection to the mesh's Redis for assertions (opened on first use).</summary>
    public IConnectionMultiplexer RedisConnection => connection ??= ConnectionMultiplexer.Connect(Redis.ConnectionString);

    /// <summary>Starts redis-server (unless given) and the three services in parallel; returns when all answer /readyz.</summary>
    public static async Task<Mesh> StartAsync(MeshOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new MeshOptions();
        var ownsRedis = options.Redis is null;
        var redis = options.Redis ?? await RedisServer.StartNewAsync();
        var services = Projects.Select(project =>
        {
            var settings = DefaultSettings(project, redis.ConnectionString, options.KeyPrefix);
            options.Configure?.Invoke(project, settings);
            return new MeshService(project, settings, options.ReadyWithin);
        }).ToList();
        var mesh = new Mesh(redis, ownsRedis, options.KeyPrefix, services);
        try
        {
            await Task.WhenAll(services.Select(service => service.StartAsync(cancellationToken)));
            return mesh;
        }
        catch
        {
            await mesh.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// What each service gets: Development environment, loopback only, the redis transport on the mesh's Redis, its
    /// keyspace and topics under the mesh's prefix, and bus timings short enough for tests (a killed consumer's
    /// entries are reclaimed after 5 s instead of 180 s).
    /// </summary>
    public static Dictionary<string, string?> DefaultSettings(string project, string redisConnectionString, string keyPrefix) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["DOTNET_ENVIRONMENT"] = "Development",
        ["Service:LoopbackOnly"] = "true",
        ["ConnectionStrings:redis"] = redisConnectionString,
        ["Redis:KeyPrefix"] = keyPrefix + KeyspaceOf(project),
        ["EventBus:Transport"] = "Redis",
        ["EventBus:TopicPrefix"] = keyPrefix,
        ["EventBus:BlockTime"] = "00:00:00.200",
        ["EventBus:RelayPollInterval"] = "00:00:00.050",
        ["EventBus:RedeliverInterval"] = "00:00:00.500",
        ["EventBus:ProcessingTimeout"] = "00:00:05",
    };

    /// <summary>
    /// Starts another process that belongs to this mesh (killed with it), e.g. the BackOffice console with settings
    /// pointing at <see cref="MeshService.GrpcAddress"/> of each service. Waits until <paramref name="readinessProbe"/> answers 2xx.
    /// </summary>
    public async Task<MeshProcess> StartProcessAsync(string name, string assemblyPath, IReadOnlyDictionary<string, string?> environment,
        Uri readinessProbe, CancellationToken cancellationToken = default)
    {
        var process = new MeshProcess(name, assemblyPath, environment, readinessProbe);
        extraProcesses.Add(process);
        await process.StartAsync(cancellationToken: cancellationToken);
        return process;
    }

    /// <summary>Call options with a bearer token (or none) and a deadline, so no call can hang a test.</summary>
    public static CallOptions Call(string? token = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var headers = new Metadata();
        if (token is not null)
            headers.Add("Authorization", $"Bearer {token}");
        return new CallOptions(headers, DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10)), cancellationToken);
    }

    /// <summary>Every process's output tail, for a failure message.</summary>
    public string OutputTails(int lines = 40) => string.Join(Environment.NewLine,
        Services.Select(service => service.Process).Concat(extraProcesses)
            .Select(process => $"===== {process.Name} ====={Environment.NewLine}{process.OutputTail(lines)}"));

    private static string KeyspaceOf(string project) => project switch
    {
        "Registration" => "reg:",
        "Evaluation" => "eval:",
        "Redemption" => "red:",
        _ => project.ToLowerInvariant() + ":",
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var process in extraProcesses)
            await process.DisposeAsync();
        await Task.WhenAll(Services.Select(service => service.DisposeAsync().AsTask()));
        if (connection is not null)
            await connection.DisposeAsync();
        if (ownsRedis)
            await Redis.DisposeAsync();
    }
}

extern alias EvaluationService;
extern alias RedemptionService;
extern alias RegistrationService;
using Microsoft.Extensions.DependencyInjection;
using TalentMesh.Testing;
using EvaluationProgram = EvaluationService::Program;
using RedemptionProgram = RedemptionService::Program;
using RegistrationProgram = RegistrationService::Program;

namespace TalentMesh.Cli.Tests.Support;

/// <summary>
/// The three real services in-process on real sockets against one private redis-server: each with its own keyspace,
/// all on one topic prefix, so their events reach each other as in the run script's mesh. Shared by the tests (each
/// works with its own fresh talent ids); a test that changes mesh-wide state (the active rule set) hosts its own.
/// </summary>
public sealed class MeshFixture : IAsyncLifetime
{
    private readonly RedisServerFixture redis = new();

    public ServiceHost<RegistrationProgram> Registration { get; private set; } = null!;

    public ServiceHost<EvaluationProgram> Evaluation { get; private set; } = null!;

    public ServiceHost<RedemptionProgram> Redemption { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await redis.InitializeAsync();
        var topics = TestKeys.Prefix("mesh");
        Action<Dictionary<string, string?>> shareTopics = settings =>
        {
            settings["EventBus:TopicPrefix"] = topics;
            settings["Logging:LogLevel:Default"] = "Warning";
        };
        // The real clock, as in the run script's mesh: the bus reclaims a failed delivery after its processing timeout.
        Action<IServiceCollection> realClock = services => services.AddSingleton(TimeProvider.System);
        Registration = await ServiceHost<RegistrationProgram>.StartAsync(redis.ConnectionString, topics + "reg:", shareTopics, realClock);
        Evaluation = await ServiceHost<EvaluationProgram>.StartAsync(redis.ConnectionString, topics + "eval:", shareTopics, realClock);
        Redemption = await ServiceHost<RedemptionProgram>.StartAsync(redis.ConnectionString, topics + "red:", shareTopics, realClock);
    }

    /// <summary>The environment the client reads its addresses from.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["TALENTMESH_REGISTRATION_GRPC"] = Registration.GrpcAddress.ToString(),
        ["TALENTMESH_REGISTRATION_HTTP"] = Registration.HttpAddress.ToString(),
        ["TALENTMESH_EVALUATION_GRPC"] = Evaluation.GrpcAddress.ToString(),
        ["TALENTMESH_EVALUATION_HTTP"] = Evaluation.HttpAddress.ToString(),
        ["TALENTMESH_REDEMPTION_GRPC"] = Redemption.GrpcAddress.ToString(),
        ["TALENTMESH_REDEMPTION_HTTP"] = Redemption.HttpAddress.ToString(),
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var host in new IAsyncDisposable?[] { Redemption, Evaluation, Registration })
            if (host is not null)
                await host.DisposeAsync();
        await redis.DisposeAsync();
    }
}

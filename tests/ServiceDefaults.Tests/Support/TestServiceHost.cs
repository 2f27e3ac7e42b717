using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TalentMesh.ServiceDefaults.Hosting;
using TalentMesh.ServiceDefaults.Security;
using TalentMesh.ServiceDefaults.Tests.Protos;
using TalentMesh.Testing;

namespace TalentMesh.ServiceDefaults.Tests.Support;

/// <summary>
/// A real WebApplication built exactly as a service builds itself (AddServiceDefaults + MapServiceDefaults) plus the
/// probe service, listening on OS-chosen loopback ports: one h2c port for gRPC, one HTTP/1.1 port for the rest.
/// </summary>
public sealed class TestServiceHost : IAsyncDisposable
{
    private const string SigningKey = "talentmesh-tests-signing-key-not-a-secret-0123456789";
    private const string ServiceName = "probe-tests";

    private TestServiceHost(WebApplication app, Uri grpcAddress, Uri httpAddress)
    {
        App = app;
        GrpcAddress = grpcAddress;
        HttpAddress = httpAddress;
        Channel = GrpcChannel.ForAddress(grpcAddress);
        Http = new HttpClient { BaseAddress = httpAddress, Timeout = TimeSpan.FromSeconds(10) };
    }

    public WebApplication App { get; }

    /// <summary>The h2c (HTTP/2 without TLS) address: gRPC and the gRPC health service.</summary>
    public Uri GrpcAddress { get; }

    /// <summary>The HTTP/1.1 address: JSON transcoding, /healthz, /readyz, /metrics.</summary>
    public Uri HttpAddress { get; }

    public GrpcChannel Channel { get; }

    public HttpClient Http { get; }

    public Probe.ProbeClient Probe => new(Channel);

    public AccessTokenIssuer Tokens => App.Services.GetRequiredService<AccessTokenIssuer>();

    /// <summary>Settings of a valid service: the given Redis, a test signing key and a quick-tripping "redis" pipeline.</summary>
    public static Dictionary<string, string?> Settings(string redisConnectionString, string keyPrefix) => new()
    {
        ["Service:Name"] = ServiceName,
        ["Service:GrpcPort"] = "0",
        ["Service:HttpPort"] = "0",
        ["Service:LoopbackOnly"] = "true",
        ["ConnectionStrings:redis"] = redisConnectionString,
        ["Redis:KeyPrefix"] = keyPrefix,
        ["Auth:Issuer"] = "talentmesh-tests",
        ["Auth:Audience"] = "talentmesh-tests-api",
        ["Auth:SigningKey"] = SigningKey,
        ["Resilience:Redis:TotalTimeout"] = "00:00:01",
        ["Resilience:Redis:MaxRetryAttempts"] = "1",
        ["Resilience:Redis:RetryBaseDelay"] = "00:00:00.020",
        ["Resilience:Redis:FailureRatio"] = "0.5",
        ["Resilience:Redis:MinimumThroughput"] = "2",
        ["Resilience:Redis:SamplingDuration"] = "00:00:02",
        ["Resilience:Redis:BreakDuration"] = "00:00:01",
    };

    /// <summary>Builds the application without starting it (for start-up failures).</summary>
    public static WebApplication Build(IReadOnlyDictionary<string, string?> settings, string environment = "Development")
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [],
            EnvironmentName = environment, // Development: scope and build-time DI validation on
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddServiceDefaults();
        var app = builder.Build();
        app.MapServiceDefaults();
        app.MapGrpcService<ProbeService>();
        return app;
    }

    public static async Task<TestServiceHost> StartAsync(string redisConnectionString, string keyPrefix,
        Action<Dictionary<string, string?>>? configure = null, string environment = "Development")
    {
        var settings = Settings(redisConnectionString, keyPrefix);
        configure?.Invoke(settings);
        var app = Build(settings, environment);
        await app.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            var (grpc, http) = await ServiceAddresses.IdentifyAsync(
                app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses);
            return new TestServiceHost(app, grpc, http);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Call options carrying a bearer token (or none) and a deadline, so no call can hang a test.</summary>
    public static CallOptions Call(string? token = null)
    {
        var headers = new Metadata();
        if (token is not null)
            headers.Add("Authorization", $"Bearer {token}");
        return new CallOptions(headers, DateTime.UtcNow + TimeSpan.FromSeconds(10),
            TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Channel.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

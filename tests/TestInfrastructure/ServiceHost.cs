using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using IServer = Microsoft.AspNetCore.Hosting.Server.IServer;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using TalentMesh.ServiceDefaults.Security;
using Xunit;

namespace TalentMesh.Testing;

/// <summary>
/// A service's real <c>Program</c> — its own wiring, appsettings and Development settings — on real Kestrel sockets
/// (an h2c port for gRPC, an HTTP/1.1 port for JSON, health and metrics) against the test's Redis, with a
/// <see cref="FakeTimeProvider"/> as the service's clock so tests move time instead of sleeping.
/// </summary>
/// <remarks>Isolation: the test's key prefix becomes both the service's Redis keyspace and its topic prefix.</remarks>
public sealed class ServiceHost<TProgram> : IAsyncDisposable where TProgram : class
{
    private readonly WebApplicationFactory<TProgram> factory;

    private ServiceHost(WebApplicationFactory<TProgram> factory, Uri grpcAddress, Uri httpAddress, FakeTimeProvider time,
        IReadOnlyDictionary<string, string?> settings)
    {
        this.factory = factory;
        GrpcAddress = grpcAddress;
        HttpAddress = httpAddress;
        Time = time;
        Settings = settings;
        Channel = GrpcChannel.ForAddress(grpcAddress);
        Http = new HttpClient { BaseAddress = httpAddress, Timeout = TimeSpan.FromSeconds(10) };
    }

    public Uri GrpcAddress { get; }

    public Uri HttpAddress { get; }

    /// <summary>gRPC over h2c to the service's gRPC port.</summary>
    public GrpcChannel Channel { get; }

    /// <summary>HTTP/1.1 to the service's JSON transcoding, /healthz, /readyz and /metrics.</summary>
    public HttpClient Http { get; }

    /// <summary>The service's clock. It starts at the real current time, so tokens minted now are valid.</summary>
    public FakeTimeProvider Time { get; }

    /// <summary>The configuration the service was started with (after the test's overrides).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; }

    public IServiceProvider Services => factory.Services;

    /// <summary>The service's own Redis connection (its keyspace prefix is in <see cref="Settings"/>).</summary>
    public IConnectionMultiplexer Redis => Services.GetRequiredService<IConnectionMultiplexer>();

    public string TopicPrefix => Settings["EventBus:TopicPrefix"] ?? "";

    /// <summary>
    /// Starts <typeparamref name="TProgram"/> with the test's Redis and prefix. <paramref name="configure"/> overrides
    /// settings; <paramref name="services"/> replaces registrations after the service's own (test doubles of the clock
    /// only: Redis and the bus stay real).
    /// </summary>
    public static async Task<ServiceHost<TProgram>> StartAsync(string redisConnectionString, string keyPrefix,
        Action<Dictionary<string, string?>>? configure = null, Action<IServiceCollection>? services = null)
    {
        var settings = DefaultSettings(redisConnectionString, keyPrefix);
        configure?.Invoke(settings);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var factory = new WebApplicationFactory<TProgram>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Development");
            web.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(settings));
            web.ConfigureTestServices(registrations =>
            {
                registrations.AddSingleton<TimeProvider>(time);
                services?.Invoke(registrations);
            });
        });
        try
        {
            factory.UseKestrel();
            factory.StartServer();
            var (grpc, http) = await ServiceAddresses.IdentifyAsync(
                factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses);
            return new ServiceHost<TProgram>(factory, grpc, http, time, settings);
        }
        catch
        {
            await factory.DisposeAsync();
            throw;
        }
    }

    /// <summary>What every hosted service needs: OS-chosen loopback ports, the test's Redis and prefixes, quick bus timings.</summary>
    public static Dictionary<string, string?> DefaultSettings(string redisConnectionString, string keyPrefix) => new()
    {
        ["Service:GrpcPort"] = "0",
        ["Service:HttpPort"] = "0",
        ["Service:LoopbackOnly"] = "true",
        ["ConnectionStrings:redis"] = redisConnectionString,
        ["Redis:KeyPrefix"] = keyPrefix,
        ["EventBus:Transport"] = "Redis",
        ["EventBus:TopicPrefix"] = keyPrefix,
        ["EventBus:BlockTime"] = "00:00:00.200",
        ["EventBus:RelayPollInterval"] = "00:00:00.050",
        ["EventBus:RedeliverInterval"] = "00:00:00.200",
        ["EventBus:ProcessingTimeout"] = "00:00:02",
    };

    /// <summary>A bearer token for <paramref name="role"/>, minted with the service's key on the real clock (JWT validation uses it).</summary>
    public string Token(string role, string subject = "test-user")
    {
        var issuer = new AccessTokenIssuer(Services.GetRequiredService<IOptions<AuthOptions>>(), TimeProvider.System);
        return issuer.Issue(subject, role);
    }

    /// <summary>Call options with the token (or none) and a deadline, so no call can hang a test.</summary>
    public static CallOptions Call(string? token = null, TimeSpan? timeout = null)
    {
        var headers = new Metadata();
        if (token is not null)
            headers.Add("Authorization", $"Bearer {token}");
        return new CallOptions(headers, DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10)), TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Channel.Dispose();
        await factory.DisposeAsync();
    }
}

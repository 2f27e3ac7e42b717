extern alias backoffice;
extern alias evaluation;
extern alias redemption;
extern alias registration;

using System.Collections.Concurrent;
using Dapr.AppCallback.Autogen.Grpc.v1;
using Google.Protobuf;
using Empty = Google.Protobuf.WellKnownTypes.Empty;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace TalentMesh.Deployment.Tests;

/// <summary>
/// A service's real <c>Program</c> built and started in-process (TestServer, no sockets) in the Production environment
/// with exactly the configuration a rendered pod would have: the image's appsettings.json plus the pod's environment.
/// Starting runs the service's own start-up validation (every <c>ValidateOnStart</c> option and validator), so a key the
/// service requires and the manifests do not set fails here with the service's own message. Background workers (outbox
/// relay, consumers, exporters) are left out: nothing dials Redis, daprd or a collector.
/// </summary>
internal sealed class StartedService(string appId, IServiceProvider services, TestServer server, IReadOnlyDictionary<string, EnvVariable> env)
{
    private static readonly ConcurrentDictionary<(string, string), Lazy<StartedService>> Started = new();

    public string AppId { get; } = appId;

    public IServiceProvider Services { get; } = services;

    public IReadOnlyDictionary<string, EnvVariable> Environment { get; } = env;

    /// <summary>The assembly of the service's code: what it publishes is read from it.</summary>
    public System.Reflection.Assembly Assembly => ProgramOf(AppId).Assembly;

    /// <summary>Started once per overlay and Deployment, then shared by the tests.</summary>
    public static StartedService Start(string overlay, string deploymentName) =>
        Started.GetOrAdd((overlay, deploymentName), key => new Lazy<StartedService>(() => StartNow(key.Item1, key.Item2))).Value;

    /// <summary>What the service tells daprd to subscribe to: Dapr's AppCallback.ListTopicSubscriptions, called as daprd calls it.</summary>
    public IReadOnlyList<TopicSubscription> DaprSubscriptions()
    {
        using var channel = GrpcChannel.ForAddress(server.BaseAddress, new GrpcChannelOptions { HttpHandler = server.CreateHandler() });
        var headers = new Metadata();
        if (Environment.TryGetValue("APP_API_TOKEN", out var token))
            headers.Add("dapr-api-token", token.Value);
        // The package ships AppCallback's server side only; the call is spelled out as daprd makes it.
        var method = new Method<Empty, ListTopicSubscriptionsResponse>(
            MethodType.Unary, AppCallback.Descriptor.FullName, "ListTopicSubscriptions",
            Marshallers.Create(m => m.ToByteArray(), Empty.Parser.ParseFrom),
            Marshallers.Create(m => m.ToByteArray(), ListTopicSubscriptionsResponse.Parser.ParseFrom));
        var response = channel.CreateCallInvoker().BlockingUnaryCall(
            method, null, new CallOptions(headers, DateTime.UtcNow.AddSeconds(30)), new Empty());
        return response.Subscriptions;
    }

    private static StartedService StartNow(string overlay, string deploymentName)
    {
        var manifests = Manifests.Render(overlay);
        var deployment = manifests.Single("Deployment", deploymentName);
        var appId = deployment.Str("spec", "template", "metadata", "annotations", "dapr.io/app-id") ?? deploymentName;
        var env = PodEnvironment.Of(manifests, deployment);
        IStartable factory = appId switch
        {
            "registration" => new Factory<registration::Program>(PodEnvironment.AsConfiguration(env)),
            "evaluation" => new Factory<evaluation::Program>(PodEnvironment.AsConfiguration(env)),
            "redemption" => new Factory<redemption::Program>(PodEnvironment.AsConfiguration(env)),
            Overlays.Console => new Factory<backoffice::Program>(PodEnvironment.AsConfiguration(env)),
            _ => throw Unknown(appId),
        };
        try
        {
            var (services, server) = factory.Run();
            return new StartedService(appId, services, server, env);
        }
        catch
        {
            factory.Dispose();
            throw;
        }
    }

    private static Type ProgramOf(string appId) => appId switch
    {
        "registration" => typeof(registration::Program),
        "evaluation" => typeof(evaluation::Program),
        "redemption" => typeof(redemption::Program),
        Overlays.Console => typeof(backoffice::Program),
        _ => throw Unknown(appId),
    };

    private static Xunit.Sdk.XunitException Unknown(string appId) =>
        new($"No Program is known for Deployment '{appId}': add it to {nameof(StartedService)}.");

    private interface IStartable : IDisposable
    {
        /// <summary>Builds and starts the host: the service's start-up validation runs here.</summary>
        (IServiceProvider Services, TestServer Server) Run();
    }

    private sealed class Factory<TProgram>(Dictionary<string, string?> settings) : WebApplicationFactory<TProgram>, IStartable
        where TProgram : class
    {
        public (IServiceProvider, TestServer) Run() => (Services, Server);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(Environments.Production);
            // As host settings they reach the Program's builder before its registrations read them (AddEventBus picks
            // the transport there); configuration added later would be seen by the options only.
            foreach (var (key, value) in settings)
                builder.UseSetting(key, value);
            builder.ConfigureAppConfiguration((_, configuration) =>
            {
                // The test machine's own environment must not fill a gap the manifests leave.
                foreach (var source in configuration.Sources.OfType<EnvironmentVariablesConfigurationSource>().Where(s => string.IsNullOrEmpty(s.Prefix)).ToList())
                    configuration.Sources.Remove(source);
            });
            builder.ConfigureTestServices(services =>
            {
                foreach (var worker in services.Where(d => d.ServiceType == typeof(IHostedService) && !IsWebHost(d)).ToList())
                    services.Remove(worker);
            });
        }

        // The web host's own hosted service starts the server; every other one is a background worker.
        private static bool IsWebHost(ServiceDescriptor descriptor) =>
            descriptor.ImplementationType?.Namespace?.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) == true;
    }
}

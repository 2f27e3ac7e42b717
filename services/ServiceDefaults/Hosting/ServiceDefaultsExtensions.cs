using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TalentMesh.ServiceDefaults.Errors;
using TalentMesh.ServiceDefaults.GarbageCollection;
using TalentMesh.ServiceDefaults.Health;
using TalentMesh.ServiceDefaults.OpenApi;
using TalentMesh.ServiceDefaults.Redis;
using TalentMesh.ServiceDefaults.Resilience;
using TalentMesh.ServiceDefaults.Security;
using TalentMesh.ServiceDefaults.Telemetry;

namespace TalentMesh.ServiceDefaults.Hosting;

public static class ServiceDefaultsExtensions
{
    /// <summary>Everything a TalentMesh service shares: ports, Redis, resilience, telemetry, auth, gRPC, health, GC thread priority.</summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<ServiceOptions>(builder.Configuration, ServiceOptions.Section);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.ConfigureServicePorts();
        builder.AddRedis();
        builder.AddRedisResilience();
        builder.AddTelemetry();
        builder.AddTalentMeshAuthentication();
        builder.AddGcThreadPriority();
        builder.Services
            .AddGrpc(grpc => grpc.Interceptors.Add<ErrorMappingInterceptor>())
            .AddJsonTranscoding(transcoding =>
            {
                // proto3 JSON mapping: int64 as strings (JavaScript numbers lose precision past 2^53), as the OpenAPI says.
                transcoding.JsonSettings.WriteInt64sAsStrings = true;
                // Error details (RpcStatusMapper) travel as Any in the JSON google.rpc.Status body; without their
                // descriptors the transcoder cannot write them and answers 500 instead of the mapped status.
                transcoding.TypeRegistry = Google.Protobuf.Reflection.TypeRegistry.FromMessages(
                    Google.Rpc.BadRequest.Descriptor, Google.Rpc.ErrorInfo.Descriptor, Google.Rpc.RetryInfo.Descriptor);
            });
        builder.Services.AddTranscodingOpenApi();
        // gRPC health answers readiness, as /readyz does: only the checks tagged for it count.
        builder.Services.AddGrpcHealthChecks(health => health.Services.Map("", result => result.Tags.Contains(HealthEndpoints.ReadinessTag)))
            .AddRedisReadiness();
        return builder;
    }

    /// <summary>Maps the endpoints every service serves besides its own API (in Development also <c>POST /dev/tokens</c>).</summary>
    public static WebApplication MapServiceDefaults(this WebApplication app)
    {
        app.UseApiReferencePage();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthEndpoints();
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        app.MapTranscodingOpenApi();
        app.MapDevelopmentTokenEndpoint();
        return app;
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace TalentMesh.ServiceDefaults.Health;

public static class HealthEndpoints
{
    public const string ReadinessTag = "ready";

    public static IHealthChecksBuilder AddRedisReadiness(this IHealthChecksBuilder health) =>
        health.AddCheck<RedisHealthCheck>("redis", tags: [ReadinessTag]);

    /// <summary>
    /// /healthz: the process is alive (no dependencies, so a Redis outage never restarts pods);
    /// /readyz: dependencies answer. The gRPC health service reports the readiness checks.
    /// </summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadinessTag) }).AllowAnonymous();
        app.MapGrpcHealthChecksService().AllowAnonymous();
        return app;
    }
}

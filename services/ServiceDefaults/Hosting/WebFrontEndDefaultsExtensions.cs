using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TalentMesh.ServiceDefaults.Telemetry;

namespace TalentMesh.ServiceDefaults.Hosting;

/// <summary>
/// The part of the service defaults a web front end needs (the back-office console): telemetry, a clock and the
/// probe endpoints. No Redis, no gRPC server and no JWT bearer validation — a front end owns no data and signs its
/// users in itself, so <see cref="ServiceDefaultsExtensions.AddServiceDefaults"/> would demand things it does not have.
/// </summary>
public static class WebFrontEndDefaultsExtensions
{
    public static WebApplicationBuilder AddWebFrontEndDefaults(this WebApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddTelemetry();
        builder.Services.AddHealthChecks();
        return builder;
    }

    /// <summary>/healthz and /readyz (the front end has no dependency of its own to wait for) and /metrics.</summary>
    public static WebApplication MapWebFrontEndDefaults(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/readyz").AllowAnonymous();
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        return app;
    }
}

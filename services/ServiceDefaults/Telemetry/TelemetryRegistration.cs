using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace TalentMesh.ServiceDefaults.Telemetry;

public static class TelemetryRegistration
{
    /// <summary>Sources and meters of TalentMesh's own code; every component names its source with this prefix.</summary>
    public const string SourcePrefix = "TalentMesh.";

    /// <summary>
    /// Metrics via OpenTelemetry, always scrapeable at /metrics. Traces and logs go through OpenTelemetry only when
    /// they are exported, i.e. when OTEL_EXPORTER_OTLP_ENDPOINT is set (the Aspire dashboard and k8s set it): without
    /// an exporter a tracer provider would still sample and fill in every request's and every event's span only to
    /// drop it, which cost 3–4 % of a service's CPU under load (docs/benchmarks.md, "Load"). Trace context still
    /// travels without it: requests carry their W3C context and events take theirs from the current activity.
    /// </summary>
    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Configuration["Service:Name"] ?? builder.Environment.ApplicationName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(SourcePrefix + "*")
                .AddPrometheusExporter());
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            return builder;
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });
        telemetry
            .WithTracing(tracing => tracing
                .AddSource(SourcePrefix + "*")
                .AddAspNetCoreInstrumentation(aspnet => aspnet.Filter = context => !IsProbe(context.Request.Path))
                .AddGrpcClientInstrumentation()
                .AddHttpClientInstrumentation())
            .UseOtlpExporter();
        return builder;
    }

    private static bool IsProbe(Microsoft.AspNetCore.Http.PathString path) =>
        path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz") || path.StartsWithSegments("/metrics");
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Telemetry;
using Polly.Timeout;
using TalentMesh.ServiceDefaults.Hosting;

namespace TalentMesh.ServiceDefaults.Resilience;

public static class RedisResilienceRegistration
{
    public const string PipelineName = "redis";

    /// <summary>The log category of Polly's telemetry.</summary>
    public const string PollyCategory = "Polly";

    /// <summary>
    /// total timeout → retry (jittered exponential) → circuit breaker → attempt timeout (outer to inner). The attempt
    /// timeout sits inside the breaker so that an attempt against a stalled Redis ends as a failure the breaker counts
    /// (a timeout outside it only cancels the attempt, which the breaker takes for a success), and is not retried; the
    /// breaker sits inside the retry so every attempt counts, and once open the retry gives up at once
    /// (BrokenCircuitException is not transient): callers see UNAVAILABLE immediately until a probe succeeds. Idempotent: services and the event bus
    /// both ask for it.
    /// </summary>
    public static IHostApplicationBuilder AddRedisResilience(this IHostApplicationBuilder builder)
    {
        if (builder.Services.Any(service => service.ServiceType == typeof(RedisPipeline)))
            return builder;
        builder.Services.AddValidatedOptions<RedisResilienceOptions>(builder.Configuration, RedisResilienceOptions.Section);
        builder.Services.AddResiliencePipeline<string, object?>(PipelineName, (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<RedisResilienceOptions>>().Value;
            Configure(pipeline, options, context.ServiceProvider.GetService<RedisLiveness>());
        });
        builder.Services.Configure<TelemetryOptions>(telemetry =>
        {
            telemetry.SeverityProvider = QuietRetryTelemetry.Severity;
            // Polly logs an execution that needed a retry (or timed out) at Information with its result — here the value
            // Redis returned: a rule set, a talent's stored record. Values have no place in a log; their type says enough.
            telemetry.ResultFormatter = (_, result) => result?.GetType().Name;
        });
        // Polly counts even a successful attempt's report as an event and logs every call with an event at Information:
        // a line per Redis call. Its category starts at Warning in every service; the rule goes first, so that a level
        // configured for "Polly" (a later rule of the same weight) still decides.
        var pollyFromWarning = new LoggerFilterRule(providerName: null, PollyCategory, LogLevel.Warning, filter: null);
        builder.Services.Configure<LoggerFilterOptions>(filters => filters.Rules.Insert(0, pollyFromWarning));
        builder.Services.AddSingleton<RedisPipeline>();
        return builder;
    }

    /// <summary>The strategies, outer to inner (see <see cref="AddRedisResilience"/>).</summary>
    /// <remarks>
    /// With <paramref name="liveness"/> (every service: <c>AddRedis</c> runs the probe) the breaker counts a timeout only
    /// while Redis does not answer its PINGs, so a service's own overload never opens the circuit; connection errors
    /// always count. Without it (a pipeline made for a store on its own) every timeout counts. The timeouts run on the
    /// service's clock wrapped in a <see cref="StallTolerantTimeProvider"/>: time in which this process did not run is
    /// not counted against Redis.
    /// </remarks>
    internal static ResiliencePipelineBuilder<object?> Configure(ResiliencePipelineBuilder<object?> pipeline, RedisResilienceOptions options, RedisLiveness? liveness = null)
    {
        // Already one when a test says the stalls itself (StallTolerantTimeProviderTests).
        if (pipeline.TimeProvider is not StallTolerantTimeProvider)
            pipeline.TimeProvider = new StallTolerantTimeProvider(pipeline.TimeProvider ?? TimeProvider.System);
        return pipeline
            .AddTimeout(new TimeoutStrategyOptions { TimeoutGenerator = args => ValueTask.FromResult(IsBulk(args.Context) ? options.BulkTimeout : options.TotalTimeout) })
            .AddRetry(new RetryStrategyOptions<object?>
            {
                // An attempt that hit the attempt timeout is not repeated: a Redis that has not answered in that long is
                // stalled or overloaded, and another attempt would only queue behind the first and keep the caller
                // waiting. The breaker has counted it; errors that come back fast (a dropped connection) are retried.
                ShouldHandle = args => args.Context.Properties.GetValue(RedisPipeline.NotRetried, false) || args.Outcome.Exception is TimeoutRejectedException
                    ? ValueTask.FromResult(false)
                    : RedisTransientFailures.Handles(args.Outcome),
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<object?>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } exception
                    && RedisTransientFailures.IsTransient(exception)
                    && !(exception is TimeoutException or TimeoutRejectedException && liveness is { Answering: true })),
                FailureRatio = options.FailureRatio,
                MinimumThroughput = options.MinimumThroughput,
                SamplingDuration = options.SamplingDuration,
                BreakDuration = options.BreakDuration,
            })
            .AddTimeout(new TimeoutStrategyOptions { TimeoutGenerator = args => ValueTask.FromResult(IsBulk(args.Context) ? options.BulkTimeout : options.AttemptTimeout) });
    }

    private static bool IsBulk(ResilienceContext context) => context.Properties.GetValue(RedisPipeline.Bulk, false);
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
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

    /// <summary>
    /// total timeout → retry (jittered exponential) → circuit breaker. The breaker sits innermost so
    /// every attempt counts towards it, and once open the retry gives up at once (BrokenCircuitException
    /// is not transient): callers see UNAVAILABLE immediately until a probe succeeds.
    /// </summary>
    public static IHostApplicationBuilder AddRedisResilience(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<RedisResilienceOptions>(builder.Configuration, RedisResilienceOptions.Section);
        builder.Services.AddResiliencePipeline(PipelineName, (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<RedisResilienceOptions>>().Value;
            pipeline
                .AddTimeout(new TimeoutStrategyOptions { Timeout = options.TotalTimeout })
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = args => RedisTransientFailures.Handles(args.Outcome),
                    MaxRetryAttempts = options.MaxRetryAttempts,
                    Delay = options.RetryBaseDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                })
                .AddCircuitBreaker(new CircuitBreakerStrategyOptions
                {
                    ShouldHandle = args => RedisTransientFailures.Handles(args.Outcome),
                    FailureRatio = options.FailureRatio,
                    MinimumThroughput = options.MinimumThroughput,
                    SamplingDuration = options.SamplingDuration,
                    BreakDuration = options.BreakDuration,
                });
        });
        builder.Services.Configure<TelemetryOptions>(telemetry => telemetry.SeverityProvider = QuietRetryTelemetry.Severity);
        builder.Services.AddSingleton<RedisPipeline>();
        return builder;
    }
}

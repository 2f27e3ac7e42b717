using Microsoft.Extensions.Diagnostics.HealthChecks;
using Polly.CircuitBreaker;
using StackExchange.Redis;
using TalentMesh.ServiceDefaults.Resilience;

namespace TalentMesh.ServiceDefaults.Health;

/// <summary>
/// Ready only while Redis answers a PING: without its system of record a service can do nothing useful. The PING goes
/// through the "redis" pipeline once (no retry): bounded by its attempt timeout, answered at once while the circuit
/// is open, and — after the break — the probe that closes the circuit again even when no request arrives (a pod
/// taken out of rotation gets none).
/// </summary>
public sealed class RedisHealthCheck(IConnectionMultiplexer redis, RedisPipeline pipeline) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await pipeline.ExecuteOnceAsync(_ => redis.GetDatabase().PingAsync(), cancellationToken);
            return HealthCheckResult.Healthy($"Redis answered in {latency.TotalMilliseconds:0.0} ms");
        }
        // Without the exception: a probe every few seconds during an outage would log its stack trace each time.
        catch (BrokenCircuitException)
        {
            return HealthCheckResult.Unhealthy("Redis is unavailable: the circuit is open");
        }
        catch (Exception exception) when (RedisTransientFailures.IsTransient(exception) || exception is RedisException)
        {
            return HealthCheckResult.Unhealthy($"Redis is unreachable ({exception.GetType().Name}: {exception.Message})");
        }
    }
}

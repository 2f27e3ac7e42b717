using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace TalentMesh.ServiceDefaults.Health;

/// <summary>Ready only while Redis answers a PING: without its system of record a service can do nothing useful.</summary>
public sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            return HealthCheckResult.Healthy($"Redis answered in {latency.TotalMilliseconds:0.0} ms");
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Redis is unreachable", exception);
        }
    }
}

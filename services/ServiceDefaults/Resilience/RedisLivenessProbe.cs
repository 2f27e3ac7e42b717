using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TalentMesh.ServiceDefaults.Redis;

namespace TalentMesh.ServiceDefaults.Resilience;

/// <summary>
/// PINGs Redis every <see cref="RedisResilienceOptions.LivenessInterval"/> on a connection of its own, so the answer
/// measures redis-server and not the queue of the shared connection, and records the result in
/// <see cref="RedisLiveness"/>. It runs on the system clock whatever the host's <see cref="TimeProvider"/>: it times a
/// real socket.
/// </summary>
public sealed partial class RedisLivenessProbe(
    RedisConnectionFactory connections, RedisLiveness liveness, IOptions<RedisResilienceOptions> options, ILogger<RedisLivenessProbe> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var configuration = connections.CreateOptions();
        configuration.ClientName = "liveness-probe";
        await using var connection = await ConnectionMultiplexer.ConnectAsync(configuration);
        using var timer = new PeriodicTimer(settings.LivenessInterval);
        do
        {
            try
            {
                await connection.GetDatabase().PingAsync().WaitAsync(settings.LivenessTimeout, stoppingToken);
                if (liveness.Answered())
                    LogAnswering(logger);
            }
            catch (Exception exception) when (exception is TimeoutException or RedisException)
            {
                if (liveness.Missed())
                    LogNotAnswering(logger, settings.LivenessMisses, settings.LivenessTimeout.TotalMilliseconds);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis did not answer {Misses} PINGs in a row within {TimeoutMs} ms: timed-out calls now count toward the circuit breaker")]
    private static partial void LogNotAnswering(ILogger logger, int misses, double timeoutMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis answers PINGs again")]
    private static partial void LogAnswering(ILogger logger);
}

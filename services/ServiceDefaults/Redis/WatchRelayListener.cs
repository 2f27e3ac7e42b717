using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using TalentMesh.ServiceDefaults.Concurrency;

namespace TalentMesh.ServiceDefaults.Redis;

/// <summary>Wakes this replica's watchers with the wake-ups the other replicas pass on, for as long as the host runs.</summary>
public sealed partial class WatchRelayListener(WatchRelay relay, WatchSignal signal, ILogger<WatchRelayListener> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await relay.ListenAsync(signal.WakeHere);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            // A service starts while Redis is away or stalled (it answers UNAVAILABLE until Redis is back): the
            // subscription is made on reconnection, and until then the watchers' safety polls stand in for it. The
            // connection fails fast while disconnected, so this never holds up the start for longer than a timeout.
            LogNotSubscribed(logger, exception.Message);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await relay.StopListeningAsync();
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            // Stopping while Redis is away: the connection, and with it the subscription, goes with the host.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not subscribe to the other replicas' watch wake-ups yet ({Reason}); the connection subscribes when Redis is back")]
    private static partial void LogNotSubscribed(ILogger logger, string reason);
}

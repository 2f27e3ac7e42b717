using StackExchange.Redis;
using TalentMesh.ServiceDefaults.Resilience;

namespace TalentMesh.ServiceDefaults.Redis;

/// <summary>
/// Opens connections to the service's Redis. The shared multiplexer serves every ordinary
/// command; a component that must issue blocking commands (XREADGROUP BLOCK) asks for a
/// dedicated connection so it never stalls the shared pipe.
/// </summary>
public sealed class RedisConnectionFactory(string connectionString)
{
    public ConfigurationOptions CreateOptions()
    {
        var options = ConfigurationOptions.Parse(connectionString);
        // Start (and keep retrying) even while Redis is down: readiness and the circuit breaker report it.
        options.AbortOnConnectFail = false;
        // While disconnected, fail commands at once instead of queueing them: the resilience
        // pipeline decides about retries, and callers get UNAVAILABLE rather than a slow timeout.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        return options;
    }

    /// <summary>
    /// Sets the client's own command timeouts (default 5 s) to the pipeline's total timeout, unless the connection
    /// string sets them. The pipeline's attempt timeout, shorter, is what a request sees; the client's timeout is the
    /// backstop for calls outside the pipeline (the event bus's background loops) and what finally removes a command
    /// an attempt gave up on, so that commands abandoned during a stall do not outlive the requests that sent them.
    /// </summary>
    public void AgreeWith(ConfigurationOptions options, RedisResilienceOptions resilience)
    {
        var total = (int)Math.Ceiling(resilience.TotalTimeout.TotalMilliseconds);
        if (!connectionString.Contains("asyncTimeout=", StringComparison.OrdinalIgnoreCase))
            options.AsyncTimeout = total;
        if (!connectionString.Contains("syncTimeout=", StringComparison.OrdinalIgnoreCase))
            options.SyncTimeout = total;
    }
}

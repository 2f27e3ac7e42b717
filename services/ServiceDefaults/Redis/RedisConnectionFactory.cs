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
    /// Sets the client's own timeouts (asyncTimeout, syncTimeout) to <see cref="RedisResilienceOptions.ClientCommandTimeout"/>
    /// unless the connection string sets them: the pipeline's timeouts, shorter, decide what a request sees; the
    /// client's is the backstop for calls outside the pipeline and what finally removes a command an attempt gave up on
    /// (commands take no cancellation token).
    /// </summary>
    public void AgreeWith(ConfigurationOptions options, RedisResilienceOptions resilience)
    {
        if (!connectionString.Contains("asyncTimeout=", StringComparison.OrdinalIgnoreCase))
            options.AsyncTimeout = (int)Math.Ceiling(resilience.ClientCommandTimeout.TotalMilliseconds);
        if (!connectionString.Contains("syncTimeout=", StringComparison.OrdinalIgnoreCase))
            options.SyncTimeout = (int)Math.Ceiling(resilience.ClientCommandTimeout.TotalMilliseconds);
    }
}

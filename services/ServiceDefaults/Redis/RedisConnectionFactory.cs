using StackExchange.Redis;

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
}

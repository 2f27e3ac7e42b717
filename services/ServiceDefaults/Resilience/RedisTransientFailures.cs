using Polly;
using StackExchange.Redis;

namespace TalentMesh.ServiceDefaults.Resilience;

/// <summary>Which failures mean "Redis is unreachable or slow" rather than "the command was wrong".</summary>
public static class RedisTransientFailures
{
    public static bool IsTransient(Exception exception) =>
        exception is RedisConnectionException or TimeoutException // RedisTimeoutException is a TimeoutException
        || exception is RedisServerException { Message: var m } && (m.StartsWith("LOADING", StringComparison.Ordinal) || m.StartsWith("BUSY", StringComparison.Ordinal));

    public static ValueTask<bool> Handles(Outcome<object> outcome) =>
        ValueTask.FromResult(outcome.Exception is { } exception && IsTransient(exception));
}

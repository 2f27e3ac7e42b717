using Polly;
using Polly.Timeout;
using StackExchange.Redis;

namespace TalentMesh.ServiceDefaults.Resilience;

/// <summary>Which failures mean "Redis is unreachable or slow" rather than "the command was wrong".</summary>
public static class RedisTransientFailures
{
    /// <remarks>
    /// <see cref="TimeoutRejectedException"/> is the pipeline's own attempt timeout: a Redis that stalls produces nothing
    /// else (no connection error, and the client's command timeout is longer), so it must count as a failure.
    /// </remarks>
    public static bool IsTransient(Exception exception) =>
        exception is RedisConnectionException or TimeoutException or TimeoutRejectedException // RedisTimeoutException is a TimeoutException
        || exception is RedisServerException { Message: var m } && (m.StartsWith("LOADING", StringComparison.Ordinal) || m.StartsWith("BUSY", StringComparison.Ordinal));

    public static ValueTask<bool> Handles(Outcome<object?> outcome) =>
        ValueTask.FromResult(outcome.Exception is { } exception && IsTransient(exception));
}

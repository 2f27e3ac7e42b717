using Polly.Telemetry;

namespace TalentMesh.ServiceDefaults.Resilience;

/// <summary>
/// During a Redis outage every attempt fails, and Polly would log each attempt and each retry as a warning with the
/// exception's stack trace, and each attempt that times out against a stalled Redis — hundreds of lines a second that
/// bury the one line that matters. Attempts, retries and timeouts are logged at Debug instead (they stay in Polly's
/// resilience metrics); the circuit opening and half-opening keep Polly's own severity, and its closing is raised to
/// Warning.
/// </summary>
/// <remarks>
/// Why closing is raised: Polly counts the attempt report of every call, a successful one too, as an event, and logs
/// any call with an event ("Resilience pipeline executed") at Information — a line per Redis call of a healthy service.
/// <see cref="RedisResilienceRegistration.AddRedisResilience"/> therefore starts Polly's category at Warning, and the
/// circuit's recovery, which Polly reports at Information, has to be a Warning to stay beside its opening in the log.
/// </remarks>
internal static class QuietRetryTelemetry
{
    public static ResilienceEventSeverity Severity(SeverityProviderArguments arguments) => arguments.Event.EventName switch
    {
        "ExecutionAttempt" or "OnRetry" or "OnTimeout" => ResilienceEventSeverity.Debug,
        "OnCircuitClosed" => ResilienceEventSeverity.Warning,
        _ => arguments.Event.Severity,
    };
}

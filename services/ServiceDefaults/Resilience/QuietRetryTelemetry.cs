using Polly.Telemetry;

namespace TalentMesh.ServiceDefaults.Resilience;

/// <summary>
/// During a Redis outage every attempt fails, and Polly would log each attempt and each retry as a warning with the
/// exception's stack trace, and each attempt that times out against a stalled Redis — hundreds of lines a second that
/// bury the one line that matters. Attempts, retries and timeouts are logged at Debug instead (they stay in Polly's
/// resilience metrics); the circuit opening, closing and half-opening keep Polly's own severity.
/// </summary>
internal static class QuietRetryTelemetry
{
    public static ResilienceEventSeverity Severity(SeverityProviderArguments arguments) => arguments.Event.EventName switch
    {
        "ExecutionAttempt" or "OnRetry" or "OnTimeout" => ResilienceEventSeverity.Debug,
        _ => arguments.Event.Severity,
    };
}

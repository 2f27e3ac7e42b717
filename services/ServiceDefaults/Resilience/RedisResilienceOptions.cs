using System.ComponentModel.DataAnnotations;

namespace TalentMesh.ServiceDefaults.Resilience;

/// <summary>
/// Shape of the "redis" pipeline; bound from Resilience:Redis. The defaults make a stalled Redis answer UNAVAILABLE
/// within about a second and open the circuit within about a second of steady traffic (docs/design.md, Resilience).
/// </summary>
public sealed class RedisResilienceOptions : IValidatableObject
{
    public const string Section = "Resilience:Redis";

    /// <summary>Upper bound for one logical operation including its retries: the longest a caller waits while the circuit is closed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Upper bound for one attempt, inside the circuit breaker, so a Redis that stalls (connections open, nothing answers)
    /// counts as failing. Far above a command's normal latency (sub-millisecond, tens of milliseconds under load) so that
    /// a slow moment is not mistaken for an outage.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    [Range(0, 10)]
    public int MaxRetryAttempts { get; set; } = 2;

    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:10")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Share of failed attempts within <see cref="SamplingDuration"/> that opens the circuit.</summary>
    [Range(0.01, 1.0)]
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Attempts within <see cref="SamplingDuration"/> before the ratio counts: a few slow calls at low traffic do not open it.</summary>
    [Range(2, 10_000)]
    public int MinimumThroughput { get; set; } = 8;

    /// <summary>The window the ratio is taken over; short, so successes from before an outage stop diluting it within a second.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:10:00")]
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the circuit stays open (failing fast) before one probe call is let through.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:10:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// StackExchange.Redis's own command timeout (its asyncTimeout and syncTimeout), unless the connection string sets
    /// them. Not below <see cref="TotalTimeout"/>, so it never decides what a request sees; it bounds the calls outside
    /// the pipeline (the event bus's loops and handler commits) and removes the commands an attempt gave up on.
    /// The client's own default, 5 s: those calls may rightly run long.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan ClientCommandTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Attempt and total timeout of a bulk read (<see cref="Redis.RedisReader.ReadBulkAsync{T}"/>, a page of a thousand
    /// talents): such a page takes tens of milliseconds on a quiet host and, measured, over 500 ms on a busy one.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan BulkTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often <see cref="RedisLivenessProbe"/> PINGs Redis on its own connection.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan LivenessInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a PING may take before it counts as unanswered (an idle Redis answers in well under a millisecond).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan LivenessTimeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Unanswered PINGs in a row after which timed-out calls count toward the breaker: one late PING on a busy host is not an outage.</summary>
    [Range(1, 100)]
    public int LivenessMisses { get; set; } = 2;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AttemptTimeout > TotalTimeout)
            yield return new ValidationResult($"{nameof(AttemptTimeout)} ({AttemptTimeout}) must not exceed {nameof(TotalTimeout)} ({TotalTimeout}).",
                [nameof(AttemptTimeout)]);
        if (ClientCommandTimeout < TotalTimeout)
            yield return new ValidationResult($"{nameof(ClientCommandTimeout)} ({ClientCommandTimeout}) must not be shorter than {nameof(TotalTimeout)} ({TotalTimeout}).",
                [nameof(ClientCommandTimeout)]);
    }
}

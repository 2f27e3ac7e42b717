using System.ComponentModel.DataAnnotations;

namespace TalentMesh.ServiceDefaults.Resilience;

/// <summary>Shape of the "redis" pipeline; bound from Resilience:Redis.</summary>
public sealed class RedisResilienceOptions
{
    public const string Section = "Resilience:Redis";

    /// <summary>Upper bound for one logical operation including its retries.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(3);

    [Range(0, 10)]
    public int MaxRetryAttempts { get; set; } = 2;

    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:10")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    [Range(0.01, 1.0)]
    public double FailureRatio { get; set; } = 0.5;

    [Range(2, 10_000)]
    public int MinimumThroughput { get; set; } = 4;

    [Range(typeof(TimeSpan), "00:00:00.500", "00:10:00")]
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the circuit stays open (failing fast) before one probe call is let through.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:10:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);
}

using System.ComponentModel.DataAnnotations;

namespace TalentMesh.Evaluation.Hosting;

/// <summary>Bound from Evaluation; every figure here is a decision documented in docs/evaluation.md.</summary>
public sealed class EvaluationOptions
{
    public const string Section = "Evaluation";

    /// <summary>How long a tier's certification runs from the evaluation that granted it (DOMAIN: "e.g. 3 years").</summary>
    [Range(1, 240)]
    public int CertificationMonths { get; set; } = 36;

    /// <summary>The zone's UTC offset: calendar dates (birthdays, graduation) turn over at its midnight.</summary>
    [Range(typeof(TimeSpan), "-14:00:00", "14:00:00")]
    public TimeSpan ZoneOffset { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How often the scheduler looks for talents whose next time boundary has passed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan SchedulerInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How far ahead a time boundary is searched for (beyond it, the talent is looked at again then).</summary>
    [Range(1, 10)]
    public int BoundaryHorizonYears { get; set; } = 3;

    /// <summary>Talents read per rollout page (one pipelined read), and re-evaluated at once within it.</summary>
    [Range(1, 5000)]
    public int RolloutPageSize { get; set; } = 500;

    [Range(1, 256)]
    public int RolloutConcurrency { get; set; } = 32;

    /// <summary>How often a waiting rollout runner and the activation of scheduled rule sets check Redis.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The rule set made active on a fresh start (a shipped one, by name).</summary>
    [Required]
    public string DefaultRuleSet { get; set; } = "high-tech-zone";

    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(ZoneOffset).DateTime);

    public DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), ZoneOffset);
}

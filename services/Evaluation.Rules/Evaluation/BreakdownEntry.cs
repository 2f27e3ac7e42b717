using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Evaluation;

/// <summary>
/// One rule of the trace. <see cref="Stages"/> lists its points after each cap (its own, then every enclosing
/// group that clips) innermost first; <see cref="ClippedBy"/> is the first of them that took points away.
/// <see cref="Facts"/> are the facts it read (its own condition's included); <see cref="SelectedBy"/> the facts
/// that led to it: those tested by an enclosing group's <c>when</c> and by the <c>choose</c> case taken.
/// </summary>
public sealed record BreakdownEntry(
    string RuleId,
    Labels Labels,
    string Kind,
    IReadOnlyList<string> Path,
    decimal RawPoints,
    IReadOnlyList<CapStage> Stages,
    decimal Points,
    string? ClippedBy,
    IReadOnlyList<FactEvidence> Facts)
{
    /// <summary>Fired, not applicable (its own condition was false) or missing (a fact it reads was not provided).</summary>
    public NodeStatus Status { get; init; } = NodeStatus.Fired;

    /// <summary>The rule's own <c>when</c>, as text; for a rule that is not applicable, the condition that switched it off.</summary>
    public string? Condition { get; init; }

    /// <summary>The provision behind the points: the rule's source, else its nearest enclosing group's.</summary>
    public Source? Source { get; init; }

    public IReadOnlyList<FactEvidence> SelectedBy { get; init; } = [];
}

public sealed record CapStage(string RuleId, decimal PointsAfter);

/// <summary>A fact behind a rule: its value ("not provided" is null) and the credentials that prove it.</summary>
public sealed record FactEvidence(string Fact, string? Value, IReadOnlyList<string> Credentials);

using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Evaluation;

/// <summary>
/// One rule that fired. <see cref="Stages"/> lists its points after each cap (its own, then every enclosing
/// group that clips) innermost first; <see cref="ClippedBy"/> is the first of them that took points away.
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
    IReadOnlyList<FactEvidence> Facts);

public sealed record CapStage(string RuleId, decimal PointsAfter);

/// <summary>A fact behind a rule: its value ("not provided" is null) and the credentials that prove it.</summary>
public sealed record FactEvidence(string Fact, string? Value, IReadOnlyList<string> Credentials);

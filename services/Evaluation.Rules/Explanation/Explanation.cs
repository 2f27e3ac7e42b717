using TalentMesh.Evaluation.Rules.Evaluation;

namespace TalentMesh.Evaluation.Rules.Explanation;

/// <summary>
/// The gap to the goal and the smallest single-fact changes that close it, smallest gain first. The goal is the next
/// tier, or a target score (<see cref="Target"/>) when one is given: a ranking scheme has no tiers. <see cref="NotProvided"/>
/// names the facts whose absence kept a rule from scoring.
/// </summary>
public sealed record Explanation(
    decimal Total,
    string? Tier,
    string? NextTier,
    decimal? Gap,
    bool Vetoed,
    IReadOnlyList<Suggestion> Suggestions,
    IReadOnlyList<string> NotProvided)
{
    /// <summary>The target score the suggestions aim at, when one was given instead of the next tier.</summary>
    public decimal? Target { get; init; }

    /// <summary>The evaluation explained: its <see cref="EvaluationResult.Trace"/> and <see cref="EvaluationResult.Groups"/> show every point.</summary>
    public EvaluationResult? Result { get; init; }
}

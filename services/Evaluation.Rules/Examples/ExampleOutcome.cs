using TalentMesh.Evaluation.Rules.Validation;

namespace TalentMesh.Evaluation.Rules.Examples;

/// <summary>
/// One worked example run: what the rule set scored (<see cref="Total"/> and <see cref="Tier"/>; null when the
/// example's facts were invalid) and every way it differs from what the example expects.
/// </summary>
public sealed record ExampleOutcome(string Name, decimal? Total, string? Tier, IReadOnlyList<RuleSetError> Problems)
{
    public bool Passed => Problems.Count == 0;
}

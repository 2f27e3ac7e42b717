namespace TalentMesh.Evaluation.Rules.Explanation;

/// <summary>One single-fact change that reaches the next tier: set <see cref="Fact"/> from <see cref="From"/> to <see cref="To"/>.</summary>
public sealed record Suggestion(string Fact, string? From, string To, decimal Total, string? Tier, decimal Gain);

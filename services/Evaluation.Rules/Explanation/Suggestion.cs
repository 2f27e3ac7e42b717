namespace TalentMesh.Evaluation.Rules.Explanation;

/// <summary>One single-fact change that reaches the next tier: set <see cref="Fact"/> from <see cref="From"/> to <see cref="To"/>.</summary>
public sealed record Suggestion(string Fact, string? From, string To, decimal Total, string? Tier, decimal Gain);

/// <summary>The gap to the next tier and the smallest single-fact changes that close it, smallest gain first.</summary>
public sealed record Explanation(
    decimal Total,
    string? Tier,
    string? NextTier,
    decimal? Gap,
    bool Vetoed,
    IReadOnlyList<Suggestion> Suggestions,
    IReadOnlyList<string> NotProvided);

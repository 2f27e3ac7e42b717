namespace TalentMesh.Evaluation.Rules.Model;

/// <summary>
/// A worked example the rule set carries: these facts must score <see cref="ExpectedOutcome.Total"/> and reach
/// <see cref="ExpectedOutcome.Tier"/>. Loading checks every example, so a rule set that contradicts its own
/// examples is refused.
/// </summary>
public sealed record RuleSetExample(string Name, IReadOnlyList<ExampleFact> Facts, ExpectedOutcome Expected);

/// <summary>One fact of an example, with the credentials that would prove it.</summary>
public sealed record ExampleFact(string Name, Scalar Value, IReadOnlyList<string> Credentials);

/// <summary>
/// The expected result. <see cref="ChecksTier"/> is false when the example does not state a tier; a stated null
/// tier means "no tier". <see cref="Points"/> optionally pins rules' points (a leaf after every cap, a group after its own).
/// </summary>
public sealed record ExpectedOutcome(decimal Total, bool ChecksTier, string? Tier, IReadOnlyList<ExpectedPoints> Points);

public sealed record ExpectedPoints(string Rule, decimal Points);

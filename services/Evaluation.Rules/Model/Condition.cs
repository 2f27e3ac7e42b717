namespace TalentMesh.Evaluation.Rules.Model;

/// <summary>A test over facts. A test on a fact that was not provided is false, except <see cref="PresenceCondition"/>.</summary>
public abstract record Condition;

public sealed record EqualsCondition(string Fact, Scalar Value) : Condition;

public sealed record InCondition(string Fact, IReadOnlyList<Scalar> Values) : Condition;

public sealed record RangeCondition(string Fact, NumericRange Range) : Condition;

/// <summary><c>present: true</c> or <c>absent: true</c> (then <see cref="Present"/> is false).</summary>
public sealed record PresenceCondition(string Fact, bool Present) : Condition;

public sealed record AllCondition(IReadOnlyList<Condition> Items) : Condition;

public sealed record AnyCondition(IReadOnlyList<Condition> Items) : Condition;

public sealed record NotCondition(Condition Item) : Condition;

/// <summary>
/// A use of a named condition (<c>{"condition": "name"}</c>). It evaluates as <see cref="Condition"/>; the
/// canonical form writes that condition in place, so naming a condition never changes the content hash.
/// </summary>
public sealed record ConditionRef(string Name, Condition Condition) : Condition;

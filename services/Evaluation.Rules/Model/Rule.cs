namespace TalentMesh.Evaluation.Rules.Model;

/// <summary>
/// A node of the scoring tree. <see cref="When"/> guards any rule: when it is false the rule (and everything
/// inside it) does not fire.
/// </summary>
public abstract record Rule(string Id, Labels Labels, Condition? When);

/// <summary>A rule that reads facts directly and so needs a missing-fact policy.</summary>
public abstract record FactRule(string Id, Labels Labels, Condition? When, MissingPolicy Missing) : Rule(Id, Labels, When);

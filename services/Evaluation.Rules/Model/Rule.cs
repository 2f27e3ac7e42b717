namespace TalentMesh.Evaluation.Rules.Model;

/// <summary>
/// A node of the scoring tree. <see cref="When"/> guards any rule: when it is false the rule (and everything
/// inside it) does not fire.
/// </summary>
public abstract record Rule(string Id, Labels Labels, Condition? When)
{
    /// <summary>The provision this rule encodes; a rule without one shows its nearest enclosing group's.</summary>
    public Source? Source { get; init; }
}

/// <summary>A rule that reads facts directly and so needs a missing-fact policy.</summary>
public abstract record FactRule(string Id, Labels Labels, Condition? When, MissingPolicy Missing) : Rule(Id, Labels, When);

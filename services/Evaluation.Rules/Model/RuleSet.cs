namespace TalentMesh.Evaluation.Rules.Model;

/// <summary>
/// A published, immutable version of a points scheme. The top-level <see cref="Rules"/> form the implicit
/// root group "total", summed and clipped by the overall <see cref="Cap"/>. <see cref="Tiers"/> may be empty (a
/// ranking scheme has no pass mark).
/// </summary>
public sealed record RuleSet(
    string Id,
    string Version,
    Labels Labels,
    string? Description,
    IReadOnlyList<FactDefinition> Facts,
    IReadOnlyList<Rule> Rules,
    decimal? Cap,
    IReadOnlyList<Tier> Tiers,
    IReadOnlyList<Veto> Vetoes,
    IReadOnlyList<Recognition> Recognitions)
{
    public const string Format = "talentmesh.rules/v1";

    /// <summary>The id of the implicit root group; no rule may use it.</summary>
    public const string RootId = "total";

    /// <summary>Worked examples the rule set must reproduce (checked when it is loaded).</summary>
    public IReadOnlyList<RuleSetExample> Examples { get; init; } = [];

    /// <summary>Named conditions, each validated once where it is defined (rules refer to them by <see cref="ConditionRef"/>).</summary>
    public IReadOnlyDictionary<string, Condition> Conditions { get; init; } = new Dictionary<string, Condition>();
}

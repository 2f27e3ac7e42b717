namespace TalentMesh.Evaluation.Rules.Model;

/// <summary>
/// A published, immutable version of a points scheme. The top-level <see cref="Rules"/> form the implicit
/// root group "total", summed and clipped by the overall <see cref="Cap"/>.
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
}

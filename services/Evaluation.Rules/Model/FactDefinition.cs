namespace TalentMesh.Evaluation.Rules.Model;

/// <summary>
/// One entry of the facts vocabulary. <see cref="Persons"/> declares the same fact for further persons
/// (e.g. "spouse" makes <c>spouse.education</c> a fact of the same type).
/// </summary>
public sealed record FactDefinition(
    string Name,
    FactType Type,
    Labels? Labels,
    string? Unit,
    IReadOnlyList<string> Values,
    decimal? Min,
    decimal? Max,
    decimal? Step,
    IReadOnlyList<string> Persons,
    ExplainDirection Explain)
{
    public bool IsNumeric => Type is FactType.Number or FactType.Integer;

    /// <summary>Set when the engine computes this fact from others; such a fact cannot be given as input.</summary>
    public Derivation? Derived { get; init; }
}

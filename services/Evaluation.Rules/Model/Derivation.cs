namespace TalentMesh.Evaluation.Rules.Model;

public enum DerivationKind
{
    /// <summary>The lowest of the inputs ("at least level 7 in each of four abilities" is min ≥ 7).</summary>
    Min,

    /// <summary>The highest of the inputs.</summary>
    Max,

    /// <summary>The sum of the inputs.</summary>
    Sum,
}

/// <summary>
/// A fact computed from other facts at evaluation time, usable wherever a fact is (conditions, bands, counts,
/// grid axes). With <see cref="MissingPolicy.Skip"/> it is provided only when every input is; with
/// <see cref="MissingPolicy.Zero"/> an absent input counts as 0 and it is provided when any input is.
/// </summary>
public sealed record Derivation(DerivationKind Kind, IReadOnlyList<string> Of, MissingPolicy Missing);

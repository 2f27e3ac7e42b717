using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Evaluation;

/// <summary>
/// A group's subtotal (the root group "total" included): <see cref="BeforeCap"/> is the sum of its items (or, for a
/// "highest of", its best item plus every deduction), <see cref="AfterCap"/> what it passes up after its own cap.
/// </summary>
public sealed record GroupSubtotal(
    string RuleId,
    Labels Labels,
    IReadOnlyList<string> Path,
    string Combine,
    decimal? Cap,
    decimal BeforeCap,
    decimal AfterCap,
    Source? Source);

using TalentMesh.Contracts.Common.V1;
using TalentMesh.Evaluation.Rules.Evaluation;

namespace TalentMesh.Evaluation.Scores;

/// <summary>The zone's tiers are A–E (common/v1/tier.proto); a rule set this service runs names its tiers with those ids.</summary>
public static class TierMapping
{
    public static readonly IReadOnlyDictionary<string, Tier> ById = new Dictionary<string, Tier>(StringComparer.Ordinal)
    {
        ["A"] = Tier.A, ["B"] = Tier.B, ["C"] = Tier.C, ["D"] = Tier.D, ["E"] = Tier.E,
    };

    public static Tier Of(Rules.Model.Tier? tier) => tier is null ? Tier.None : ById.GetValueOrDefault(tier.Id, Tier.Unspecified);

    public static Tier TierOf(EvaluationResult result) => Of(result.Tier);

    public static Tier PointsTierOf(EvaluationResult result) => result.IsVetoed ? Tier.None : Of(result.PointsTier);
}

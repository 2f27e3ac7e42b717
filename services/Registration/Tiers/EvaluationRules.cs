using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Events.V1;
using TalentMesh.EventBus.Handling;
using TalentMesh.Registration.Validation;

namespace TalentMesh.Registration.Tiers;

/// <summary>What a talent.evaluated must carry to be recorded; anything else is poison and goes to the dead-letter topic.</summary>
public static class EvaluationRules
{
    public static TierStanding Standing(TalentEvaluated evaluated)
    {
        var problems = new List<string>();
        if (FieldRules.Identifier(evaluated.TalentId) is { } idError)
            problems.Add("talent_id " + idError);
        if (evaluated.EvaluationSequence <= 0)
            problems.Add("evaluation_sequence must be positive");
        if (evaluated.Tier == Tier.Unspecified || !Enum.IsDefined(evaluated.Tier))
            problems.Add("tier must be set");
        var holdsTier = evaluated.Tier is >= Tier.A and <= Tier.E && !evaluated.Vetoed;
        if (holdsTier && evaluated.CertificationValidUntil is null)
            problems.Add("certification_valid_until is required with a tier");
        if (problems.Count > 0)
            throw new PoisonEventException("talent.evaluated is malformed: " + string.Join("; ", problems));
        return new TierStanding(evaluated.EvaluationSequence, evaluated.Tier, evaluated.Vetoed,
            evaluated.CertificationValidUntil?.ToDateTimeOffset());
    }
}

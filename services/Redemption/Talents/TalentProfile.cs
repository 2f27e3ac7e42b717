using TalentMesh.Contracts.Common.V1;

namespace TalentMesh.Redemption.Talents;

/// <summary>What Redemption holds about a talent: the last evaluation (tier and facts) and the state of their code.</summary>
public sealed record TalentProfile(string TalentId, Tier Tier, long EvaluationSequence, TalentFactsSummary Facts, CodeState Code)
{
    public Fact? Fact(string name) => Facts.Facts.FirstOrDefault(f => f.Key == name);

    public static TalentProfile NotEvaluated(string talentId) => new(talentId, Tier.Unspecified, 0, new TalentFactsSummary(), CodeState.Unknown);

    public bool IsEvaluated => EvaluationSequence > 0;
}

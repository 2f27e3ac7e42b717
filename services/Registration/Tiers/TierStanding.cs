using TalentMesh.Contracts.Common.V1;

namespace TalentMesh.Registration.Tiers;

/// <summary>The projection of a talent's latest talent.evaluated: the tier held and until when.</summary>
public sealed record TierStanding(long Sequence, Tier Tier, bool Vetoed, DateTimeOffset? CertificationValidUntil)
{
    /// <summary>A code may exist only while this holds: a real tier, not vetoed, certification still running.</summary>
    public bool Holds(DateTimeOffset now) =>
        Tier is >= Tier.A and <= Tier.E && !Vetoed && CertificationValidUntil > now;
}

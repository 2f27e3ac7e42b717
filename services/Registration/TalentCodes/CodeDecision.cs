using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Events.V1;
using TalentMesh.Registration.Tiers;

namespace TalentMesh.Registration.TalentCodes;

/// <summary>What to do with a talent's code: revoke the active one (and why), issue a new one (for which tier, until when).</summary>
public sealed record CodeDecision(TalentCodeRevocationReason? Revoke, (Tier Tier, DateTimeOffset ValidUntil)? Issue)
{
    public static readonly CodeDecision Nothing = new(null, null);

    /// <summary>After an evaluation: the code follows the tier. Same tier and period: keep; changed: replace; lost: revoke.</summary>
    public static CodeDecision AfterEvaluation(CodeSerial? active, TierStanding standing, DateTimeOffset now)
    {
        if (!standing.Holds(now))
        {
            if (active is null)
                return Nothing;
            var lapsed = standing.Tier is >= Tier.A and <= Tier.E && !standing.Vetoed;
            return new(lapsed ? TalentCodeRevocationReason.CertificationExpired : TalentCodeRevocationReason.TierChanged, null);
        }
        var issue = (standing.Tier, standing.CertificationValidUntil!.Value);
        if (active is null)
            return new(null, issue);
        if (active.Tier != standing.Tier)
            return new(TalentCodeRevocationReason.TierChanged, issue);
        return active.ValidUntil != standing.CertificationValidUntil ? new(TalentCodeRevocationReason.Superseded, issue) : Nothing;
    }

    /// <summary>A re-issue asked for by the holder or an administrator: the old serial stops verifying.</summary>
    public static CodeDecision Reissue(CodeSerial? active, TierStanding standing) =>
        new(active is null ? null : TalentCodeRevocationReason.Superseded, (standing.Tier, standing.CertificationValidUntil!.Value));
}

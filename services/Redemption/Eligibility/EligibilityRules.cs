using TalentMesh.Contracts.Redemption.V1;
using TalentMesh.Redemption.Facts;
using TalentMesh.Redemption.Talents;

namespace TalentMesh.Redemption.Eligibility;

/// <summary>Does the talent qualify for the policy (tier, code, fact conditions)? Empty = eligible; otherwise every reason.</summary>
public static class EligibilityRules
{
    public static IReadOnlyList<Blocker> Check(Policy policy, TalentProfile talent, DateOnly today)
    {
        if (!talent.IsEvaluated)
            return [new Blocker(Blocker.NotEvaluated, "no tier has been awarded to you yet")];
        var blockers = new List<Blocker>();
        if (talent.Code == CodeState.Revoked)
            blockers.Add(new Blocker(Blocker.CodeRevoked, "your talent code was revoked"));
        if (!policy.EligibleTiers.Contains(talent.Tier))
            blockers.Add(new Blocker(Blocker.TierNotEligible, $"open to tiers {string.Join(", ", policy.EligibleTiers.Select(TierName))}; yours is {TierName(talent.Tier)}"));
        foreach (var condition in policy.Conditions?.Facts ?? [])
        {
            if (!FactConditionTest.Holds(condition, talent.Fact(condition.Fact), today))
                blockers.Add(new Blocker(Blocker.ConditionNotMet, $"requires {FactConditionTest.Describe(condition)}"));
        }
        return blockers;
    }

    public static bool IsEligible(Policy policy, TalentProfile talent, DateOnly today) => Check(policy, talent, today).Count == 0;

    /// <summary>
    /// Whether the talent's list of benefits shows the policy: when eligible, and with <paramref name="includeBlocked"/>
    /// also when only other conditions block it but the policy's tiers include the talent's.
    /// </summary>
    public static bool IsListed(Policy policy, TalentProfile talent, DateOnly today, bool includeBlocked) =>
        IsEligible(policy, talent, today) || (includeBlocked && talent.IsEvaluated && policy.EligibleTiers.Contains(talent.Tier));

    public static string TierName(Contracts.Common.V1.Tier tier) => tier switch
    {
        Contracts.Common.V1.Tier.None or Contracts.Common.V1.Tier.Unspecified => "none",
        _ => tier.ToString(),
    };
}

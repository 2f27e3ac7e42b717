using TalentMesh.Contracts.Redemption.V1;
using TalentMesh.Redemption.Budgets;
using TalentMesh.Redemption.Calendar;
using TalentMesh.Redemption.Talents;

namespace TalentMesh.Redemption.Eligibility;

/// <summary>
/// Everything that decides whether a Redeem is accepted now, in the order a talent would want to hear it: the policy
/// is open, the talent qualifies, nothing they hold blocks it, and budget and quota still have room.
/// </summary>
public static class RedeemRules
{
    public static IReadOnlyList<Blocker> Check(Policy policy, TalentProfile talent, TalentHoldings holdings, BudgetUsage usage, DateTimeOffset now)
    {
        var blockers = new List<Blocker>();
        if (policy.Status != PolicyStatus.Published)
            blockers.Add(new Blocker(Blocker.PolicyNotPublished, "this benefit is not open for applications"));
        if (policy.ApplicationOpensAt is { } opens && now < opens.ToDateTimeOffset())
            blockers.Add(new Blocker(Blocker.WindowNotOpen, $"applications open on {opens.ToDateTimeOffset().ToOffset(ChinaTime.Offset):yyyy-MM-dd HH:mm}"));
        if (policy.ApplicationClosesAt is { } closes && now >= closes.ToDateTimeOffset())
            blockers.Add(new Blocker(Blocker.WindowClosed, $"applications closed on {closes.ToDateTimeOffset().ToOffset(ChinaTime.Offset):yyyy-MM-dd HH:mm}"));
        blockers.AddRange(EligibilityRules.Check(policy, talent, ChinaTime.Today(now)));
        blockers.AddRange(HoldingBlockers(policy, holdings, now));
        if (usage.CannotReserve(policy, AmountResolver.TotalFen(policy, talent)) is { } exhausted)
            blockers.Add(exhausted);
        return blockers;
    }

    public static IEnumerable<Blocker> HoldingBlockers(Policy policy, TalentHoldings holdings, DateTimeOffset now)
    {
        if (holdings.LiveByPolicy.ContainsKey(policy.PolicyId))
            yield return new Blocker(Blocker.AlreadyHeld, "you already have a live application for this benefit");
        else if (policy.ExclusionGroup.Length > 0 && holdings.LiveByGroup.TryGetValue(policy.ExclusionGroup, out var other))
            yield return new Blocker(Blocker.Excluded, $"excluded by your benefit {other} of the group '{policy.ExclusionGroup}'");
        if (FrequencyWindow.IsExceeded(policy.FrequencyLimit, holdings.CountedRequests, now))
            yield return new Blocker(Blocker.FrequencyLimit, $"at most {policy.FrequencyLimit.Times} per {policy.FrequencyLimit.Period.ToString().ToLowerInvariant()}");
    }
}

using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Redemption.V1;
using TalentMesh.EventBus.Outbox;
using TalentMesh.Redemption.Calendar;
using TalentMesh.Redemption.Eligibility;
using TalentMesh.Redemption.Talents;

namespace TalentMesh.Redemption.Notifications;

/// <summary>Tells a talent about a benefit that now applies to them (服务精准触达), once per policy.</summary>
public sealed class BenefitMatching(NotificationStore notifications)
{
    /// <summary>Policies (not automatic: those are granted, and the grant is the news) the talent newly qualifies for.</summary>
    public static IEnumerable<Policy> NewlyEligible(IEnumerable<Policy> published, TalentProfile before, TalentProfile after, DateTimeOffset now)
    {
        var today = ChinaTime.Today(now);
        return published.Where(p => !p.AutomaticGrant && EligibilityRules.IsEligible(p, after, today) && !EligibilityRules.IsEligible(p, before, today));
    }

    public void Notify(EventUnitOfWork unit, string talentId, Policy policy, DateTimeOffset now)
    {
        notifications.Add(unit, talentId, NotificationKind.BenefitAvailable, $"New benefit for you: {policy.Title}",
            "You qualify for this benefit; apply with one click.", policy.PolicyId, "", now);
        notifications.MarkNotified(unit, talentId, policy.PolicyId);
    }
}

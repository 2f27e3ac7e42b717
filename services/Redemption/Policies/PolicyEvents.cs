using Google.Protobuf.WellKnownTypes;
using TalentMesh.Contracts.Events.V1;
using TalentMesh.Contracts.Redemption.V1;

namespace TalentMesh.Redemption.Policies;

public static class PolicyEvents
{
    public static PolicyPublished Published(Policy policy, DateTimeOffset now)
    {
        var published = new PolicyPublished
        {
            PolicyId = policy.PolicyId, Version = policy.Version, Title = policy.Title, PaymentForm = policy.PaymentForm,
            AutomaticGrant = policy.AutomaticGrant, ExclusionGroup = policy.ExclusionGroup,
            ApplicationOpensAt = policy.ApplicationOpensAt, ApplicationClosesAt = policy.ApplicationClosesAt,
            OccurredAt = Timestamp.FromDateTimeOffset(now),
        };
        published.EligibleTiers.AddRange(policy.EligibleTiers);
        return published;
    }
}

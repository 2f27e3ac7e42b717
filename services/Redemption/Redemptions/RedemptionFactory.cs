using Google.Protobuf.WellKnownTypes;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Events.V1;
using TalentMesh.Contracts.Redemption.V1;
using TalentMesh.Redemption.Budgets;
using TalentMesh.Redemption.Eligibility;
using TalentMesh.Redemption.Talents;
using RedemptionView = TalentMesh.Contracts.Redemption.V1.Redemption;

namespace TalentMesh.Redemption.Redemptions;

/// <summary>A new redemption at the policy's first stage, with the amount and tier fixed at request time.</summary>
public static class RedemptionFactory
{
    public static Transition Create(Policy policy, TalentProfile talent, string redemptionId, IEnumerable<SubmittedMaterial> materials, bool automatic, DateTimeOffset now)
    {
        var view = new RedemptionView
        {
            RedemptionId = redemptionId, TalentId = talent.TalentId, PolicyId = policy.PolicyId, PolicyVersion = policy.Version,
            PolicyTitle = policy.Title, Status = RedemptionStatus.PendingReview, Tier = talent.Tier,
            Amount = Fen.ToMoney(AmountResolver.PerInstallmentFen(policy, talent)), Installments = AmountResolver.Installments(policy),
            Automatic = automatic, CurrentStage = RedemptionWorkflow.Stages(policy)[0],
            RequestedAt = Timestamp.FromDateTimeOffset(now), UpdatedAt = Timestamp.FromDateTimeOffset(now),
        };
        view.Materials.AddRange(materials);
        var requested = new RedemptionRequested
        {
            RedemptionId = redemptionId, TalentId = talent.TalentId, PolicyId = policy.PolicyId, PolicyVersion = policy.Version,
            Tier = talent.Tier, Amount = view.Amount, Installments = view.Installments, Automatic = automatic,
            OccurredAt = Timestamp.FromDateTimeOffset(now),
        };
        var record = new RedemptionRecord(view, RedemptionStatus.Unspecified, 0, policy.ExclusionGroup);
        var notice = automatic
            ? new TalentNotice(NotificationKind.BenefitGranted, $"{policy.Title}: granted to you", "This benefit applies to you without an application (免申即享); it is being processed.")
            : new TalentNotice(NotificationKind.RedemptionStatusChanged, $"{policy.Title}: application received", $"Your application is in {RedemptionWorkflow.StageName(view.CurrentStage)}.");
        return new Transition(record, record, automatic ? "auto-grant" : "request", [requested], notice) { Holdings = HoldingChange.Acquire };
    }
}

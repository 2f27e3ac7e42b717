using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using TalentMesh.Cli.Connection;
using TalentMesh.Cli.Notifications;
using TalentMesh.Cli.Policies;
using TalentMesh.Cli.Redemptions;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Redemption.V1;
using TalentMesh.Contracts.Registration.V1;

namespace TalentMesh.Cli.Demo;

/// <summary>Steps 6–10: a policy is published, notifications arrive, one-click redemption, approvals, disbursement.</summary>
public sealed partial class DemoScript
{
    private static readonly ApprovalStage[] Stages = [ApprovalStage.PreliminaryReview, ApprovalStage.TalentOffice, ApprovalStage.FinanceBureau];

    private async Task<Policy> PublishPolicyAsync(IReadOnlyList<DemoTalent> cast, Dictionary<string, Tier> tiers)
    {
        Step("A policy office publishes a benefit policy");
        foreach (var talent in cast.Where(talent => tiers[talent.TalentId] != Tier.None))
            await poll.UntilAsync($"Redemption knowing {talent.TalentId}'s tier {Display.Of(tiers[talent.TalentId])}",
                () => EligibilityTierAsync(talent), tier => tier == tiers[talent.TalentId], Display.Of);
        Ok("talent.evaluated reached Redemption: eligibility is computed from each talent's tier");
        var draft = new Policy
        {
            Title = $"Demo talent allowance (run {run})",
            Description = "A one-off allowance for every tier, reviewed in three stages. Demo policy: no public notice period.",
            EligibleTiers = { Parsing.AllTiers },
            PaymentForm = PaymentForm.OneOff,
            Amount = Parsing.Yuan(20_000m),
            Installments = 1,
            TotalBudget = Parsing.Yuan(10_000_000m),
            PublicNoticeWorkingDays = 0,
            ApprovalStages = { Stages },
        };
        var created = await Mesh.Policies.CreatePolicyAsync(new CreatePolicyRequest { Policy = draft, IdempotencyKey = Guid.NewGuid().ToString() }, await Call(MeshService.Redemption, officer));
        Expect(created.Status == PolicyStatus.Draft, $"the new policy should be a draft, is {created.Status}");
        var published = await Mesh.Policies.PublishPolicyAsync(new PublishPolicyRequest { PolicyId = created.PolicyId }, await Call(MeshService.Redemption, officer));
        Expect(published.Status == PolicyStatus.Published, $"the policy should be published, is {published.Status}");
        PolicyView.Render(Console, published);
        Note("public notice (公示) is 0 working days in this demo policy, so no clock has to be moved: the final approval goes straight to disbursement");
        Ok($"{officer.Subject} published {published.PolicyId}; Redemption matches eligible talents (policy.published)");
        return published;
    }

    private async Task NotificationsAsync(IReadOnlyList<DemoTalent> cast, Dictionary<string, Tier> tiers, string policyId)
    {
        Step("The talents' notifications arrive (服务精准触达)");
        foreach (var talent in cast.Where(talent => tiers[talent.TalentId] != Tier.None))
        {
            var notifications = await poll.UntilAsync($"{talent.TalentId}'s benefit-available notification for {policyId}",
                () => NotificationsOfAsync(talent),
                list => list.Any(notification => notification.Kind == NotificationKind.BenefitAvailable && notification.PolicyId == policyId),
                list => string.Join(", ", list.Select(notification => Display.Kebab(notification.Kind))));
            var table = NotificationCommands.Table($"{talent.Name} {talent.TalentId}");
            foreach (var notification in notifications)
                NotificationCommands.AddRow(table, notification);
            Console.Write(table);
        }
        Ok("every talent with a tier is told the new benefit applies to them");
        foreach (var talent in cast.Where(talent => tiers[talent.TalentId] == Tier.None))
        {
            // Matching has run (the others were told), so a benefit notification for this policy would be there by now.
            var notifications = await NotificationsOfAsync(talent);
            Expect(!notifications.Any(notification => notification.PolicyId == policyId), $"{talent.TalentId} holds no tier and must not be offered {policyId}");
            var rejected = submitted[talent.TalentId].Where(credential => credential.Status == CredentialStatus.Rejected).Select(credential => credential.Reason);
            Ok($"{talent.Name} {talent.TalentId} holds no tier: no benefit offered; HR's reason is on the rejected credential: {string.Join("; ", rejected)}");
        }
    }

    private async Task<Redemption> RedeemAsync(DemoTalent talent, string policyId)
    {
        Step($"One-click redemption by {talent.Name} {talent.TalentId}");
        var benefits = await Mesh.Redemptions.ListEligibleBenefitsAsync(new ListEligibleBenefitsRequest { PageSize = 100 }, await AsApplicant(MeshService.Redemption, talent));
        var benefit = benefits.Benefits.FirstOrDefault(candidate => candidate.PolicyId == policyId);
        Expect(benefit is { Redeemable: true }, $"{policyId} should be listed as redeemable for {talent.TalentId}");
        Note($"eligible: {benefit!.Title}, {Display.Of(benefit.Amount)} {Display.Kebab(benefit.PaymentForm)}");
        var redemption = await Mesh.Redemptions.RedeemAsync(new RedeemRequest { PolicyId = policyId, IdempotencyKey = Guid.NewGuid().ToString() }, await AsApplicant(MeshService.Redemption, talent));
        RedemptionView.Render(Console, redemption);
        Expect(redemption.Status == RedemptionStatus.PendingReview && redemption.CurrentStage == Stages[0],
            $"the redemption should await {Stages[0]}, is {redemption.Status} at {redemption.CurrentStage}");
        Ok($"{redemption.RedemptionId} awaits review at {Display.Kebab(redemption.CurrentStage)}");
        return redemption;
    }

    private async Task<Redemption> ApproveAsync(Redemption redemption)
    {
        Step("Every approval stage: preliminary review → talent office → finance bureau");
        for (var i = 0; i < Stages.Length; i++)
        {
            redemption = await Mesh.Redemptions.ApproveRedemptionAsync(new ApproveRedemptionRequest
            {
                RedemptionId = redemption.RedemptionId,
                Stage = Stages[i],
                Comment = $"{Display.Kebab(Stages[i])}: materials complete",
                IdempotencyKey = Guid.NewGuid().ToString(),
            }, await Call(MeshService.Redemption, officer));
            var final = i == Stages.Length - 1;
            Expect(final ? redemption.Status == RedemptionStatus.Disbursing : redemption.Status == RedemptionStatus.PendingReview && redemption.CurrentStage == Stages[i + 1],
                $"after {Stages[i]} the redemption should be {(final ? "disbursing" : $"pending review at {Stages[i + 1]}")}, is {redemption.Status} at {redemption.CurrentStage}");
            Ok($"{Display.Kebab(Stages[i])} approved → {Display.Kebab(redemption.Status)}{(final ? "" : $" at {Display.Kebab(redemption.CurrentStage)}")}");
        }
        Note("public notice (公示): 0 working days for this policy, so it ended at the final approval (a policy with N days stays in public-notice until the N-th working day ends)");
        return redemption;
    }

    private async Task DisburseAsync(DemoTalent talent, Redemption redemption)
    {
        Step("The payment is recorded: benefit disbursed");
        redemption = await Mesh.Redemptions.RecordDisbursementAsync(new RecordDisbursementRequest
        {
            RedemptionId = redemption.RedemptionId,
            Installment = 1,
            Amount = redemption.Amount,
            Success = new DisbursementSuccess { PaymentReference = $"DEMO-PAY-{redemption.RedemptionId}", PaidAt = Timestamp.FromDateTime(DateTime.UtcNow) },
            IdempotencyKey = Guid.NewGuid().ToString(),
        }, await Call(MeshService.Redemption, officer));
        RedemptionView.Render(Console, redemption);
        Expect(redemption.Status == RedemptionStatus.Disbursed && redemption.InstallmentsPaid == 1, $"the redemption should be disbursed, is {redemption.Status}");
        await poll.UntilAsync($"{talent.TalentId}'s benefit-disbursed notification", () => NotificationsOfAsync(talent),
            list => list.Any(notification => notification.Kind == NotificationKind.BenefitDisbursed && notification.RedemptionId == redemption.RedemptionId),
            list => string.Join(", ", list.Select(notification => Display.Kebab(notification.Kind))));
        Ok($"{Display.Of(redemption.Amount)} paid to {talent.Name} {talent.TalentId}; they were notified");
    }

    private async Task<Tier> EligibilityTierAsync(DemoTalent talent)
    {
        try
        {
            return (await Mesh.Redemptions.ListEligibleBenefitsAsync(new ListEligibleBenefitsRequest { PageSize = 1 }, await AsApplicant(MeshService.Redemption, talent))).Tier;
        }
        catch (RpcException error) when (error.StatusCode is StatusCode.NotFound or StatusCode.FailedPrecondition)
        {
            return Tier.Unspecified;
        }
    }

    private async Task<List<Notification>> NotificationsOfAsync(DemoTalent talent) =>
        [.. (await Mesh.Notifications.ListNotificationsAsync(new ListNotificationsRequest { PageSize = 100 }, await AsApplicant(MeshService.Redemption, talent))).Notifications];
}

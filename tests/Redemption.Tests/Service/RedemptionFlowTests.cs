using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using TalentMesh.Redemption.Scheduling;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Redemption.V1;
using TalentMesh.Redemption.Budgets;
using TalentMesh.Redemption.Calendar;
using TalentMesh.Redemption.Tests.Support;
using TalentMesh.Testing;
using static TalentMesh.Redemption.Tests.Support.RedemptionHarness;
using static TalentMesh.Redemption.Tests.Support.Talents;

namespace TalentMesh.Redemption.Tests.Service;

public sealed class RedemptionFlowTests(RedisServerFixture redis)
{
    [Fact]
    public async Task Redeem_NotEligible_AnswersFailedPreconditionWithTheReason()
    {
        await using var harness = await StartAsync(redis);
        var rent = await harness.PublishAsync(Support.Policies.RentSubsidy());
        var notEvaluated = await FailsWith(StatusCode.FailedPrecondition, () => harness.RedeemAsync("t-new", rent.PolicyId));
        Assert.Equal("NOT_EVALUATED", Reason(notEvaluated));

        await harness.EvaluateAsync("t-b", Tier.B, 1);
        var tier = await FailsWith(StatusCode.FailedPrecondition, () => harness.RedeemAsync("t-b", rent.PolicyId));
        Assert.Equal("TIER_NOT_ELIGIBLE", Reason(tier));

        var allowance = await harness.PublishAsync(Support.Policies.GraduateAllowance());
        await harness.EvaluateAsync("t-e", Tier.E, 1, Category("education", "bachelor"));
        var condition = await FailsWith(StatusCode.FailedPrecondition, () => harness.RedeemAsync("t-e", allowance.PolicyId));
        Assert.Equal("CONDITION_NOT_MET", Reason(condition));
        Assert.Contains("graduation_date", condition.Status.Detail);
    }

    [Fact]
    public async Task ListEligibleBenefits_QualifyingAndBlocked_GivesReasons()
    {
        await using var harness = await StartAsync(redis);
        var rent = await harness.PublishAsync(Support.Policies.RentSubsidy());
        var purchase = await harness.PublishAsync(Support.Policies.PurchaseSubsidy());
        var allowance = await harness.PublishAsync(Support.Policies.GraduateAllowance());
        await harness.EvaluateAsync("t1", Tier.E, 1, Category("education", "master"));
        await harness.RedeemAsync("t1", rent.PolicyId);

        var listed = await harness.Redemptions.ListEligibleBenefitsAsync(new ListEligibleBenefitsRequest { IncludeBlocked = true }, harness.As("t1"));
        Assert.Equal(Tier.E, listed.Tier);
        var byId = listed.Benefits.ToDictionary(b => b.PolicyId);
        Assert.False(byId[rent.PolicyId].Redeemable);
        Assert.Contains(byId[rent.PolicyId].Blockers, b => b.StartsWith("ALREADY_HELD"));
        Assert.Contains(byId[purchase.PolicyId].Blockers, b => b.StartsWith("EXCLUDED_BY_GROUP"));
        Assert.Contains(byId[allowance.PolicyId].Blockers, b => b.StartsWith("CONDITION_NOT_MET") && b.Contains("graduation_date"));

        var eligibleOnly = await harness.Redemptions.ListEligibleBenefitsAsync(new ListEligibleBenefitsRequest(), harness.As("t1"));
        Assert.DoesNotContain(eligibleOnly.Benefits, b => b.PolicyId == allowance.PolicyId);
    }

    [Fact]
    public async Task ListEligibleBenefits_PolicyClosedAfterBeingListed_IsNoLongerListed()
    {
        await using var harness = await StartAsync(redis);
        var rent = await harness.PublishAsync(Support.Policies.RentSubsidy());
        var purchase = await harness.PublishAsync(Support.Policies.PurchaseSubsidy());
        await harness.EvaluateAsync("t1", Tier.E, 1);
        var before = await harness.Redemptions.ListEligibleBenefitsAsync(new ListEligibleBenefitsRequest { IncludeBlocked = true }, harness.As("t1"));
        Assert.Contains(before.Benefits, b => b.PolicyId == rent.PolicyId);

        // The listing keeps a published policy's terms in memory; whether it is still published is read every time.
        await harness.Policies.ClosePolicyAsync(new ClosePolicyRequest { PolicyId = rent.PolicyId }, harness.Officer());

        var after = await harness.Redemptions.ListEligibleBenefitsAsync(new ListEligibleBenefitsRequest { IncludeBlocked = true }, harness.As("t1"));
        Assert.DoesNotContain(after.Benefits, b => b.PolicyId == rent.PolicyId);
        Assert.Contains(after.Benefits, b => b.PolicyId == purchase.PolicyId);
    }

    [Fact]
    public async Task Redeem_SameKeyTwice_ReturnsTheSameRedemption_OtherRequestIsAlreadyExists()
    {
        await using var harness = await StartAsync(redis);
        var rent = await harness.PublishAsync(Support.Policies.RentSubsidy());
        await harness.EvaluateAsync("t1", Tier.E, 1);
        var request = new RedeemRequest { PolicyId = rent.PolicyId, IdempotencyKey = "key-1" };
        var first = await harness.Redemptions.RedeemAsync(request, harness.As("t1"));
        var again = await harness.Redemptions.RedeemAsync(request, harness.As("t1"));
        Assert.Equal(first.RedemptionId, again.RedemptionId);
        Assert.Equal(Fen.ToMoney(250_000), first.Amount);
        Assert.Equal(RedemptionStatus.PendingReview, first.Status);
        var purchase = await harness.PublishAsync(Support.Policies.PurchaseSubsidy());
        await FailsWith(StatusCode.AlreadyExists, () => harness.Redemptions.RedeemAsync(new RedeemRequest { PolicyId = purchase.PolicyId, IdempotencyKey = "key-1" }, harness.As("t1")).ResponseAsync);
    }

    [Fact]
    public async Task Redeem_SecondHousingBenefit_IsExcludedByTheGroup()
    {
        await using var harness = await StartAsync(redis);
        var rent = await harness.PublishAsync(Support.Policies.RentSubsidy());
        var purchase = await harness.PublishAsync(Support.Policies.PurchaseSubsidy());
        await harness.EvaluateAsync("t1", Tier.E, 1);
        await harness.RedeemAsync("t1", rent.PolicyId);
        var error = await FailsWith(StatusCode.FailedPrecondition, () => harness.RedeemAsync("t1", purchase.PolicyId));
        Assert.Equal("EXCLUDED_BY_GROUP", Reason(error));
    }

    [Fact]
    public async Task Redeem_AfterFullPaymentWithinTheYear_IsOverTheFrequencyLimit()
    {
        await using var harness = await StartAsync(redis);
        var draft = Support.Policies.PurchaseSubsidy();
        draft.ExclusionGroup = "";
        draft.FrequencyLimit = new FrequencyLimit { Times = 1, Period = FrequencyPeriod.Year };
        var policy = await harness.PublishAsync(draft);
        await harness.EvaluateAsync("t1", Tier.E, 1);
        var redemption = await harness.RedeemAsync("t1", policy.PolicyId);
        redemption = await harness.ApproveAsync(redemption, ApprovalStage.PreliminaryReview);
        Assert.Equal(RedemptionStatus.Disbursing, redemption.Status);
        redemption = await harness.Redemptions.RecordDisbursementAsync(new RecordDisbursementRequest
        {
            RedemptionId = redemption.RedemptionId, Installment = 1, Amount = redemption.Amount,
            Success = new DisbursementSuccess { PaymentReference = "bank-1" },
        }, harness.Officer());
        Assert.Equal(RedemptionStatus.Disbursed, redemption.Status);
        var error = await FailsWith(StatusCode.FailedPrecondition, () => harness.RedeemAsync("t1", policy.PolicyId));
        Assert.Equal("FREQUENCY_LIMIT", Reason(error));
    }

    [Fact]
    public async Task Redeem_BeforeTheWindowOpens_IsRefusedUntilItOpens()
    {
        await using var harness = await StartAsync(redis);
        var draft = Support.Policies.PurchaseSubsidy();
        var opens = harness.Host.Time.GetUtcNow().AddDays(2);
        draft.ApplicationOpensAt = Support.Policies.At(opens);
        var policy = await harness.PublishAsync(draft);
        await harness.EvaluateAsync("t1", Tier.E, 1);
        var error = await FailsWith(StatusCode.FailedPrecondition, () => harness.RedeemAsync("t1", policy.PolicyId));
        Assert.Equal("APPLICATION_WINDOW_NOT_OPEN", Reason(error));
        harness.MoveClockTo(opens);
        Assert.Equal(RedemptionStatus.PendingReview, (await harness.RedeemAsync("t1", policy.PolicyId)).Status);
    }

    [Fact]
    public async Task Approve_EachStageThenPublicNoticeAcrossNewYear_EndsAfterFiveWorkingDays()
    {
        await using var harness = await StartAsync(redis);
        var draft = Support.Policies.RentSubsidy();
        draft.PublicNoticeWorkingDays = 5;
        var policy = await harness.PublishAsync(draft);
        await harness.EvaluateAsync("t1", Tier.E, 1);
        var redemption = await harness.RedeemAsync("t1", policy.PolicyId);

        var wrongStage = await FailsWith(StatusCode.FailedPrecondition, () => harness.ApproveAsync(redemption, ApprovalStage.FinanceBureau));
        Assert.Equal("STAGE_MISMATCH", Reason(wrongStage));
        redemption = await harness.ApproveAsync(redemption, ApprovalStage.PreliminaryReview);
        Assert.Equal(ApprovalStage.TalentOffice, redemption.CurrentStage);
        redemption = await harness.ApproveAsync(redemption, ApprovalStage.TalentOffice);
        Assert.Equal(ApprovalStage.FinanceBureau, redemption.CurrentStage);

        // Thursday 31 December: 1 January is a holiday and 2–3 January a weekend, so five working days end on Friday 8 January.
        harness.MoveClockTo(new DateTimeOffset(2026, 12, 31, 10, 0, 0, ChinaTime.Offset));
        redemption = await harness.ApproveAsync(redemption, ApprovalStage.FinanceBureau);
        Assert.Equal(RedemptionStatus.PublicNotice, redemption.Status);
        var until = new DateTimeOffset(2027, 1, 9, 0, 0, 0, ChinaTime.Offset);
        Assert.Equal(until, redemption.PublicNoticeUntil.ToDateTimeOffset());
        var usage = await harness.Policies.GetPolicyAsync(new GetPolicyRequest { PolicyId = policy.PolicyId }, harness.Officer());
        Assert.Equal(Fen.ToMoney(750_000), usage.BudgetCommitted);
        Assert.Equal(1, usage.ApprovedCount);

        harness.MoveClockTo(until.AddSeconds(-1));
        await harness.Host.Services.GetRequiredService<Scheduler>().RunDueAsync(CancellationToken.None);
        Assert.Equal(RedemptionStatus.PublicNotice, (await harness.GetAsync(redemption.RedemptionId)).Status);
        harness.MoveClockTo(until.AddSeconds(1));
        await Eventually.TrueAsync(async () => (await harness.GetAsync(redemption.RedemptionId)).Status == RedemptionStatus.Disbursing,
            TimeSpan.FromSeconds(10), "the public notice ends on schedule");
        Assert.Contains(await harness.InboxAsync("t1"), n => n.Title.Contains("public notice ended"));
    }

    [Fact]
    public async Task RecordDisbursement_MonthlyInstallmentsWithARetriedFailure_EndsDisbursed()
    {
        await using var harness = await StartAsync(redis);
        var draft = Support.Policies.RentSubsidy(months: 2);
        draft.ApprovalStages.Clear();
        var policy = await harness.PublishAsync(draft);
        await harness.EvaluateAsync("t1", Tier.E, 1);
        var redemption = await harness.ApproveAsync(await harness.RedeemAsync("t1", policy.PolicyId), ApprovalStage.PreliminaryReview);
        Assert.Equal(RedemptionStatus.Disbursing, redemption.Status);
        RecordDisbursementRequest Paid(int installment) => new()
        {
            RedemptionId = redemption.RedemptionId, Installment = installment, Amount = Fen.ToMoney(250_000),
            Success = new DisbursementSuccess { PaymentReference = $"bank-{installment}" },
        };
        redemption = await harness.Redemptions.RecordDisbursementAsync(Paid(1), harness.Officer());
        Assert.Equal(1, redemption.InstallmentsPaid);
        var early = await FailsWith(StatusCode.FailedPrecondition, () => harness.Redemptions.RecordDisbursementAsync(Paid(2), harness.Officer()).ResponseAsync);
        Assert.Equal("INSTALLMENT_NOT_DUE", Reason(early));

        harness.MoveClockTo(redemption.NextInstallmentDueAt.ToDateTimeOffset());
        await Eventually.TrueAsync(async () => (await harness.InboxAsync("t1")).Any(n => n.Title.Contains("installment 2 due")),
            TimeSpan.FromSeconds(10), "the schedule announces the due installment");
        var failed = await harness.Redemptions.RecordDisbursementAsync(new RecordDisbursementRequest
        {
            RedemptionId = redemption.RedemptionId, Installment = 2, Amount = Fen.ToMoney(250_000),
            Failure = new DisbursementFailure { FailureCode = "BANK_TIMEOUT", Description = "no answer", Retryable = true },
        }, harness.Officer());
        Assert.Equal(RedemptionStatus.DisbursementFailed, failed.Status);
        Assert.Equal("BANK_TIMEOUT", failed.Disbursements[^1].Failure.FailureCode);
        var done = await harness.Redemptions.RecordDisbursementAsync(Paid(2), harness.Officer());
        Assert.Equal(RedemptionStatus.Disbursed, done.Status);
        Assert.Equal(["bank-1", "bank-2"], done.Disbursements.Where(d => d.Outcome == DisbursementOutcome.Succeeded).Select(d => d.Success.PaymentReference));
        await Eventually.TrueAsync(async () => (await harness.Topics.ReadAsync<Contracts.Events.V1.BenefitDisbursed>()).Count == 2, TimeSpan.FromSeconds(10), "both installments published");
    }

    [Fact]
    public async Task RejectThenAppeal_BeforeTheDeadline_ReturnsToReview_AfterItIsRefused()
    {
        await using var harness = await StartAsync(redis);
        var policy = await harness.PublishAsync(Support.Policies.RentSubsidy());
        await harness.EvaluateAsync("t1", Tier.E, 1);
        await harness.EvaluateAsync("t2", Tier.E, 1);
        async Task<Contracts.Redemption.V1.Redemption> RejectedFor(string talent)
        {
            var redemption = await harness.RedeemAsync(talent, policy.PolicyId);
            return await harness.Redemptions.RejectRedemptionAsync(new RejectRedemptionRequest
            {
                RedemptionId = redemption.RedemptionId, Stage = ApprovalStage.PreliminaryReview,
                Reason = RejectionReason.NoLeaseRegistration, ReasonText = "no lease on file",
            }, harness.Officer());
        }
        var first = await RejectedFor("t1");
        Assert.Equal(RedemptionStatus.Rejected, first.Status);
        var appealed = await harness.Redemptions.AppealRejectionAsync(new AppealRejectionRequest { RedemptionId = first.RedemptionId, Statement = "lease attached" }, harness.As("t1"));
        Assert.Equal(RedemptionStatus.PendingReview, appealed.Status);
        Assert.Equal(Decision.Appealed, appealed.Decisions[^1].Decision);

        var second = await RejectedFor("t2");
        harness.MoveClockTo(second.AppealDeadline.ToDateTimeOffset());
        var late = await FailsWith(StatusCode.FailedPrecondition, () => harness.Redemptions.AppealRejectionAsync(
            new AppealRejectionRequest { RedemptionId = second.RedemptionId, Statement = "late" }, harness.As("t2")).ResponseAsync);
        Assert.Equal("APPEAL_DEADLINE_PASSED", Reason(late));
    }

    [Fact]
    public async Task Void_AfterFinalApproval_ReleasesBudgetAndQuota()
    {
        await using var harness = await StartAsync(redis);
        var draft = Support.Policies.PurchaseSubsidy();
        draft.CountQuota = 1;
        draft.TotalBudget = Fen.ToMoney(20_000_000);
        draft.PublicNoticeWorkingDays = 5;
        var policy = await harness.PublishAsync(draft);
        await harness.EvaluateAsync("t1", Tier.E, 1);
        await harness.EvaluateAsync("t2", Tier.E, 1);
        var first = await harness.ApproveAsync(await harness.RedeemAsync("t1", policy.PolicyId), ApprovalStage.PreliminaryReview);
        Assert.Equal(RedemptionStatus.PublicNotice, first.Status);
        await FailsWith(StatusCode.ResourceExhausted, () => harness.RedeemAsync("t2", policy.PolicyId));

        var voided = await harness.Redemptions.VoidRedemptionAsync(new VoidRedemptionRequest
        {
            RedemptionId = first.RedemptionId, Reason = VoidReason.ObjectionUpheld, ReasonText = "objection upheld during the notice",
        }, harness.Officer());
        Assert.Equal(RedemptionStatus.Voided, voided.Status);
        var after = await harness.Policies.GetPolicyAsync(new GetPolicyRequest { PolicyId = policy.PolicyId }, harness.Officer());
        Assert.Equal(Fen.ToMoney(0), after.BudgetCommitted);
        Assert.Equal(0, after.ApprovedCount);
        var second = await harness.ApproveAsync(await harness.RedeemAsync("t2", policy.PolicyId), ApprovalStage.PreliminaryReview);
        Assert.Equal(RedemptionStatus.PublicNotice, second.Status);
        await Eventually.TrueAsync(async () => (await harness.Topics.ReadAsync<Contracts.Events.V1.RedemptionVoided>()) is [{ Event.ReleasedAmount.Units: 200_000 }],
            TimeSpan.FromSeconds(10), "the void is published with the released amount");
    }

    [Fact]
    public async Task Void_ByTheApplicant_IsAWithdrawal_AndRepeatingItReturnsTheVoidedRedemption()
    {
        await using var harness = await StartAsync(redis);
        var policy = await harness.PublishAsync(Support.Policies.RentSubsidy());
        await harness.EvaluateAsync("t1", Tier.E, 1);
        var redemption = await harness.RedeemAsync("t1", policy.PolicyId);
        var request = new VoidRedemptionRequest { RedemptionId = redemption.RedemptionId, ReasonText = "moved away" };
        var voided = await harness.Redemptions.VoidRedemptionAsync(request, harness.As("t1"));
        Assert.Equal(RedemptionStatus.Voided, voided.Status);
        Assert.Equal(RedemptionStatus.Voided, (await harness.Redemptions.VoidRedemptionAsync(request, harness.As("t1"))).Status);
        Assert.Equal(RedemptionStatus.PendingReview, (await harness.RedeemAsync("t1", policy.PolicyId)).Status);
    }

    [Fact]
    public async Task Appeal_WhileAnotherLiveRedemptionOfThePolicyExists_IsAlreadyHeld()
    {
        await using var harness = await StartAsync(redis);
        var policy = await harness.PublishAsync(Support.Policies.RentSubsidy());
        await harness.EvaluateAsync("t1", Tier.E, 1);
        var first = await harness.RedeemAsync("t1", policy.PolicyId);
        await harness.Redemptions.RejectRedemptionAsync(new RejectRedemptionRequest
        {
            RedemptionId = first.RedemptionId, Stage = ApprovalStage.PreliminaryReview, Reason = RejectionReason.MarriageCheckMismatch,
        }, harness.Officer());
        await harness.RedeemAsync("t1", policy.PolicyId);
        var error = await FailsWith(StatusCode.FailedPrecondition, () => harness.Redemptions.AppealRejectionAsync(
            new AppealRejectionRequest { RedemptionId = first.RedemptionId, Statement = "married after all" }, harness.As("t1")).ResponseAsync);
        Assert.Equal("ALREADY_HELD", Reason(error));
        Assert.Equal(RedemptionStatus.Rejected, (await harness.GetAsync(first.RedemptionId)).Status);
    }

    [Fact]
    public async Task ApproveRedemption_RetriedWithTheSameKey_PassesTheStageOnce()
    {
        await using var harness = await StartAsync(redis);
        var policy = await harness.PublishAsync(Support.Policies.RentSubsidy());
        await harness.EvaluateAsync("t1", Tier.E, 1);
        var redemption = await harness.RedeemAsync("t1", policy.PolicyId);
        var request = new ApproveRedemptionRequest { RedemptionId = redemption.RedemptionId, Stage = ApprovalStage.PreliminaryReview, IdempotencyKey = "approve-1" };
        var first = await harness.Redemptions.ApproveRedemptionAsync(request, harness.Officer());
        var retry = await harness.Redemptions.ApproveRedemptionAsync(request, harness.Officer());
        Assert.Equal(ApprovalStage.TalentOffice, retry.CurrentStage);
        Assert.Equal(first.Decisions.Count, retry.Decisions.Count);
    }

    [Fact]
    public async Task PublicNotice_ScheduledBeforeARestart_EndsAfterIt()
    {
        var prefix = TestKeys.Prefix();
        string redemptionId;
        DateTimeOffset until;
        await using (var before = await RestartAsync(redis, prefix))
        {
            var draft = Support.Policies.PurchaseSubsidy();
            draft.PublicNoticeWorkingDays = 3;
            var policy = await before.PublishAsync(draft);
            await before.EvaluateAsync("t1", Tier.E, 1);
            var approved = await before.ApproveAsync(await before.RedeemAsync("t1", policy.PolicyId), ApprovalStage.PreliminaryReview);
            Assert.Equal(RedemptionStatus.PublicNotice, approved.Status);
            (redemptionId, until) = (approved.RedemptionId, approved.PublicNoticeUntil.ToDateTimeOffset());
        }
        await using var after = await RestartAsync(redis, prefix);
        after.MoveClockTo(until.AddSeconds(1));
        await Eventually.TrueAsync(async () => (await after.GetAsync(redemptionId)).Status == RedemptionStatus.Disbursing,
            TimeSpan.FromSeconds(10), "the restarted service ends the notice from the durable schedule");
    }
}

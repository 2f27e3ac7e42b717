using Google.Protobuf.WellKnownTypes;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Events.V1;
using TalentMesh.Contracts.Redemption.V1;
using TalentMesh.Redemption.Calendar;
using TalentMesh.Redemption.Redemptions;
using TalentMesh.ServiceDefaults.Errors;
using static TalentMesh.Redemption.Tests.Support.Talents;

namespace TalentMesh.Redemption.Tests.Domain;

public sealed class RedemptionWorkflowTests
{
    private static readonly DateTimeOffset Now = new(2026, 9, 30, 10, 0, 0, ChinaTime.Offset);
    private readonly RedemptionWorkflow workflow = new(HolidayCalendar.China);

    private static Policy Rent(int noticeDays = 5)
    {
        var policy = Support.Policies.RentSubsidy(fenPerMonth: 250_000, months: 3);
        policy.PolicyId = "p1";
        policy.Status = PolicyStatus.Published;
        policy.PublicNoticeWorkingDays = noticeDays;
        return policy;
    }

    private static RedemptionRecord Requested(Policy policy) =>
        RedemptionFactory.Create(policy, Profile(Tier.E), "r1", [], automatic: false, Now).After;

    private RedemptionRecord ThroughAllStages(Policy policy, out Transition final)
    {
        var record = Requested(policy);
        record = workflow.Approve(record, policy, ApprovalStage.PreliminaryReview, "o1", "", Now).After;
        record = workflow.Approve(record, policy, ApprovalStage.TalentOffice, "o2", "", Now).After;
        final = workflow.Approve(record, policy, ApprovalStage.FinanceBureau, "o3", "", Now);
        return final.After;
    }

    [Fact]
    public void Approve_EachStage_MovesToTheNextAndFinalReservesEveryInstallment()
    {
        var policy = Rent();
        var record = Requested(policy);
        Assert.Equal(ApprovalStage.PreliminaryReview, record.View.CurrentStage);
        var first = workflow.Approve(record, policy, ApprovalStage.PreliminaryReview, "o1", "ok", Now);
        Assert.Equal(ApprovalStage.TalentOffice, first.After.View.CurrentStage);
        Assert.False(first.ReservesPlace);
        Assert.False(RedemptionWorkflow.Event<RedemptionApproved>(first).FinalApproval);

        var after = ThroughAllStages(policy, out var final);
        Assert.True(final.ReservesPlace);
        Assert.Equal(750_000, final.ReserveFen);
        Assert.Equal(RedemptionStatus.PublicNotice, after.Status);
        Assert.True(RedemptionWorkflow.Event<RedemptionApproved>(final).FinalApproval);
        Assert.Equal(3, after.View.Decisions.Count);
    }

    [Fact]
    public void Approve_WrongStage_IsStageMismatch()
    {
        var policy = Rent();
        var error = Assert.Throws<WorkflowViolationException>(() => workflow.Approve(Requested(policy), policy, ApprovalStage.FinanceBureau, "o", "", Now));
        Assert.Equal("STAGE_MISMATCH", error.Reason);
    }

    [Fact]
    public void Approve_Final_NoticeEndsAfterFiveWorkingDaysAcrossNationalDay()
    {
        ThroughAllStages(Rent(), out var final);
        Assert.Equal(ChinaTime.EndOf(new DateOnly(2026, 10, 13)), final.NoticeEndsAt);
        Assert.Equal(final.NoticeEndsAt, final.After.View.PublicNoticeUntil.ToDateTimeOffset());
    }

    [Fact]
    public void EndNotice_BeforeItsEnd_IsRefused_AfterwardsStartsDisbursing()
    {
        var policy = Rent();
        var notice = ThroughAllStages(policy, out var final);
        Assert.Throws<WorkflowViolationException>(() => workflow.EndNotice(notice, policy, final.NoticeEndsAt!.Value.AddTicks(-1)));
        var disbursing = workflow.EndNotice(notice, policy, final.NoticeEndsAt!.Value).After;
        Assert.Equal(RedemptionStatus.Disbursing, disbursing.Status);
    }

    [Fact]
    public void RecordDisbursement_MonthlyInstallments_InOrderOnDueDatesUntilDisbursed()
    {
        var policy = Rent(noticeDays: 0);
        var record = ThroughAllStages(policy, out _);
        Assert.Equal(RedemptionStatus.Disbursing, record.Status);
        var paid = workflow.RecordDisbursement(record, policy, Paid(1), "d1", "o", Now);
        Assert.Equal(Now.AddMonths(1), paid.InstallmentDueAt);
        Assert.Equal("WRONG_INSTALLMENT", Assert.Throws<WorkflowViolationException>(() => workflow.RecordDisbursement(paid.After, policy, Paid(3), "d", "o", Now.AddMonths(1))).Reason);
        Assert.Equal("INSTALLMENT_NOT_DUE", Assert.Throws<WorkflowViolationException>(() => workflow.RecordDisbursement(paid.After, policy, Paid(2), "d", "o", Now.AddDays(3))).Reason);
        var second = workflow.RecordDisbursement(paid.After, policy, Paid(2), "d2", "o", Now.AddMonths(1));
        var third = workflow.RecordDisbursement(second.After, policy, Paid(3), "d3", "o", Now.AddMonths(2));
        Assert.Equal(RedemptionStatus.Disbursed, third.After.Status);
        Assert.Equal(HoldingChange.ReleasePolicy, third.Holdings);
        Assert.Equal(3, third.After.View.InstallmentsPaid);
    }

    [Fact]
    public void RecordDisbursement_RetryableFailure_KeepsTheReservationAndCanBeRetried()
    {
        var policy = Rent(noticeDays: 0);
        var record = ThroughAllStages(policy, out _);
        var failed = workflow.RecordDisbursement(record, policy, Failed(1, retryable: true), "d1", "o", Now);
        Assert.Equal(RedemptionStatus.DisbursementFailed, failed.After.Status);
        Assert.False(failed.ReleasesPlace);
        Assert.Equal("ACCOUNT_FROZEN", failed.After.View.Disbursements[0].Failure.FailureCode);
        var retried = workflow.RecordDisbursement(failed.After, policy, Paid(1), "d2", "o", Now);
        Assert.Equal(RedemptionStatus.Disbursing, retried.After.Status);
        Assert.Equal("bank-ref", retried.After.View.Disbursements[1].Success.PaymentReference);
    }

    [Fact]
    public void RecordDisbursement_FinalFailure_ReleasesTheUnpaidRemainder()
    {
        var policy = Rent(noticeDays: 0);
        var record = ThroughAllStages(policy, out _);
        var paid = workflow.RecordDisbursement(record, policy, Paid(1), "d1", "o", Now).After;
        var failed = workflow.RecordDisbursement(paid, policy, Failed(2, retryable: false), "d2", "o", Now.AddMonths(1));
        Assert.True(failed.ReleasesPlace);
        Assert.Equal(500_000, failed.ReleaseFen);
        Assert.Throws<WorkflowViolationException>(() => workflow.RecordDisbursement(failed.After, policy, Paid(2), "d3", "o", Now.AddMonths(1)));
    }

    [Fact]
    public void RejectThenAppeal_BeforeDeadline_ReturnsToTheSameStage()
    {
        var policy = Rent();
        var record = workflow.Approve(Requested(policy), policy, ApprovalStage.PreliminaryReview, "o", "", Now).After;
        var rejected = workflow.Reject(record, ApprovalStage.TalentOffice, RejectionReason.NoLeaseRegistration, "", "o", Now);
        Assert.Equal(RedemptionStatus.Rejected, rejected.After.Status);
        Assert.Equal(HoldingChange.ReleaseAll, rejected.Holdings);
        Assert.Equal(RejectionReason.NoLeaseRegistration, rejected.After.View.Decisions[^1].RejectionReason);
        var appealed = workflow.Appeal(rejected.After, "t1", "I registered the lease", Now.AddDays(14));
        Assert.Equal(RedemptionStatus.PendingReview, appealed.After.Status);
        Assert.Equal(ApprovalStage.TalentOffice, appealed.After.View.CurrentStage);
        Assert.Equal(HoldingChange.Acquire, appealed.Holdings);
    }

    [Fact]
    public void Appeal_AfterDeadline_IsRefused()
    {
        var policy = Rent();
        var rejected = workflow.Reject(Requested(policy), ApprovalStage.PreliminaryReview, RejectionReason.Other, "no", "o", Now).After;
        var error = Assert.Throws<WorkflowViolationException>(() => workflow.Appeal(rejected, "t1", "please", Now + RedemptionWorkflow.AppealPeriod));
        Assert.Equal("APPEAL_DEADLINE_PASSED", error.Reason);
    }

    [Fact]
    public void Void_AfterFinalApproval_ReleasesEverythingUnpaid()
    {
        var policy = Rent(noticeDays: 0);
        var record = ThroughAllStages(policy, out _);
        var paid = workflow.RecordDisbursement(record, policy, Paid(1), "d1", "o", Now).After;
        var voided = workflow.Void(paid, VoidReason.ObjectionUpheld, "objection upheld", "o", byApplicant: false, Now);
        Assert.Equal(RedemptionStatus.Voided, voided.After.Status);
        Assert.True(voided.ReleasesPlace);
        Assert.Equal(500_000, voided.ReleaseFen);
        Assert.Equal(500_000, RedemptionWorkflow.Event<RedemptionVoided>(voided).ReleasedAmount.Units * 100);
    }

    [Fact]
    public void Void_ByApplicantOnceMoneyFlows_IsRefused()
    {
        var policy = Rent(noticeDays: 0);
        var record = ThroughAllStages(policy, out _);
        Assert.Throws<WorkflowViolationException>(() => workflow.Void(record, VoidReason.Withdrawn, "", "t1", byApplicant: true, Now));
        var pending = Requested(policy);
        Assert.False(workflow.Void(pending, VoidReason.Withdrawn, "", "t1", byApplicant: true, Now).ReleasesPlace);
    }

    [Fact]
    public void SuspendThenResume_ReturnsToWhereItWas()
    {
        var policy = Rent();
        var notice = ThroughAllStages(policy, out _);
        var suspended = workflow.Suspend(notice, "tier dropped", Now);
        Assert.Equal(RedemptionStatus.Suspended, suspended.After.Status);
        Assert.Equal("tier dropped", suspended.After.View.SuspensionReason);
        Assert.Throws<WorkflowViolationException>(() => workflow.RecordDisbursement(suspended.After, policy, Paid(1), "d", "o", Now));
        var resumed = workflow.Approve(suspended.After, policy, ApprovalStage.FinanceBureau, "o", "checked", Now);
        Assert.Equal(RedemptionStatus.PublicNotice, resumed.After.Status);
        Assert.NotNull(resumed.NoticeEndsAt);
    }

    [Fact]
    public void Transitions_FromTerminalStates_AreRefused()
    {
        var policy = Rent();
        var voided = workflow.Void(Requested(policy), VoidReason.Other, "x", "o", false, Now).After;
        Assert.Throws<WorkflowViolationException>(() => workflow.Approve(voided, policy, ApprovalStage.PreliminaryReview, "o", "", Now));
        Assert.Throws<WorkflowViolationException>(() => workflow.Reject(voided, ApprovalStage.PreliminaryReview, RejectionReason.Other, "x", "o", Now));
        Assert.Throws<WorkflowViolationException>(() => workflow.Appeal(voided, "t1", "x", Now));
        Assert.Throws<WorkflowViolationException>(() => workflow.Suspend(voided, "x", Now));
        Assert.Throws<WorkflowViolationException>(() => workflow.Void(voided, VoidReason.Other, "x", "o", false, Now));
    }

    private static RecordDisbursementRequest Paid(int installment) => new()
    {
        RedemptionId = "r1", Installment = installment, Amount = Budgets.Fen.ToMoney(250_000),
        Success = new DisbursementSuccess { PaymentReference = "bank-ref", PaidAt = Timestamp.FromDateTimeOffset(Now) },
    };

    private static RecordDisbursementRequest Failed(int installment, bool retryable) => new()
    {
        RedemptionId = "r1", Installment = installment, Amount = Budgets.Fen.ToMoney(250_000),
        Failure = new DisbursementFailure { FailureCode = "ACCOUNT_FROZEN", Retryable = retryable },
    };
}

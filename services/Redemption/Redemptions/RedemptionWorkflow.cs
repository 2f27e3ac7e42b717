using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Events.V1;
using TalentMesh.Contracts.Redemption.V1;
using TalentMesh.Redemption.Budgets;
using TalentMesh.Redemption.Calendar;
using TalentMesh.ServiceDefaults.Errors;
using RedemptionView = TalentMesh.Contracts.Redemption.V1.Redemption;

namespace TalentMesh.Redemption.Redemptions;

/// <summary>
/// The redemption state machine (docs/redemption.md, "States"): review through the policy's stages, public notice
/// counted in working days, disbursement per installment, rejection and appeal, void, suspension. Every method
/// either returns the <see cref="Transition"/> or throws FAILED_PRECONDITION naming the rule; none does I/O.
/// </summary>
public sealed class RedemptionWorkflow(HolidayCalendar calendar)
{
    /// <summary>How long a rejection can be appealed (calendar days; the issue leaves it open).</summary>
    public static readonly TimeSpan AppealPeriod = TimeSpan.FromDays(15);

    public static IReadOnlyList<ApprovalStage> Stages(Policy policy) =>
        policy.ApprovalStages.Count > 0 ? policy.ApprovalStages : [ApprovalStage.PreliminaryReview];

    public Transition Approve(RedemptionRecord record, Policy policy, ApprovalStage stage, string officer, string comment, DateTimeOffset now)
    {
        if (record.Status == RedemptionStatus.Suspended)
            return Resume(record, stage, officer, comment, now);
        RequireStatus(record, RedemptionStatus.PendingReview, "approved");
        RequireStage(record, stage);
        var stages = Stages(policy);
        var index = stages.ToList().IndexOf(stage);
        var view = Touch(record, now);
        view.Decisions.Add(Decision(stage, Contracts.Redemption.V1.Decision.Approved, officer, now, comment));
        var approved = new RedemptionApproved
        {
            RedemptionId = record.Id, TalentId = view.TalentId, PolicyId = view.PolicyId, Stage = stage,
            Amount = view.Amount, OccurredAt = Timestamp.FromDateTimeOffset(now),
        };
        if (index < stages.Count - 1)
        {
            view.CurrentStage = stages[index + 1];
            return new Transition(record, record with { View = view }, "approve-stage", [approved],
                Notice(view, $"{view.PolicyTitle}: {StageName(stage)} passed", $"Your application moved on to {StageName(stages[index + 1])}."));
        }

        approved.FinalApproval = true;
        var total = Fen.From(view.Amount) * view.Installments;
        DateTimeOffset? noticeEnds = null;
        if (policy.PublicNoticeWorkingDays > 0)
        {
            noticeEnds = ChinaTime.EndOf(calendar.AddWorkingDays(ChinaTime.Today(now), policy.PublicNoticeWorkingDays));
            view.Status = RedemptionStatus.PublicNotice;
            view.PublicNoticeUntil = Timestamp.FromDateTimeOffset(noticeEnds.Value);
            approved.PublicNoticeUntil = view.PublicNoticeUntil;
        }
        else
            StartDisbursing(view, policy, now);
        var after = record with { View = view, ReservedFen = total, HasPlace = true };
        var body = noticeEnds is { } until
            ? $"Approved. Public notice runs until {until.ToOffset(ChinaTime.Offset):yyyy-MM-dd}; payment follows."
            : view.Status == RedemptionStatus.Disbursed ? "Approved and granted." : "Approved; payment is under way.";
        return new Transition(record, after, "approve-final", [approved], Notice(view, $"{view.PolicyTitle}: approved", body))
        {
            ReservesPlace = true,
            ReserveFen = total,
            NoticeEndsAt = noticeEnds,
            Holdings = view.Status == RedemptionStatus.Disbursed ? HoldingChange.ReleasePolicy : HoldingChange.None,
        };
    }

    public Transition Reject(RedemptionRecord record, ApprovalStage stage, RejectionReason reason, string text, string officer, DateTimeOffset now)
    {
        RequireStatus(record, RedemptionStatus.PendingReview, "rejected");
        RequireStage(record, stage);
        var view = Touch(record, now);
        view.Status = RedemptionStatus.Rejected;
        view.AppealDeadline = Timestamp.FromDateTimeOffset(now + AppealPeriod);
        view.Decisions.Add(new ReviewDecision
        {
            Stage = stage, Decision = Contracts.Redemption.V1.Decision.Rejected, DecidedBy = officer,
            DecidedAt = Timestamp.FromDateTimeOffset(now), RejectionReason = reason, Comment = text,
        });
        var rejected = new RedemptionRejected
        {
            RedemptionId = record.Id, TalentId = view.TalentId, PolicyId = view.PolicyId, Stage = stage, Reason = reason,
            AppealDeadline = view.AppealDeadline, OccurredAt = Timestamp.FromDateTimeOffset(now),
        };
        return new Transition(record, record with { View = view }, "reject", [rejected],
            Notice(view, $"{view.PolicyTitle}: not approved", $"Reason: {reason}. {text} You may appeal until {(now + AppealPeriod).ToOffset(ChinaTime.Offset):yyyy-MM-dd}."))
        { Holdings = HoldingChange.ReleaseAll };
    }

    public Transition Appeal(RedemptionRecord record, string talent, string statement, DateTimeOffset now)
    {
        RequireStatus(record, RedemptionStatus.Rejected, "appealed");
        if (now >= record.View.AppealDeadline.ToDateTimeOffset())
            throw new WorkflowViolationException("The appeal deadline has passed.", "APPEAL_DEADLINE_PASSED");
        var view = Touch(record, now);
        view.Status = RedemptionStatus.PendingReview;
        view.AppealDeadline = null;
        view.Decisions.Add(Decision(view.CurrentStage, Contracts.Redemption.V1.Decision.Appealed, talent, now, statement));
        var appealed = new RedemptionAppealed { RedemptionId = record.Id, TalentId = view.TalentId, PolicyId = view.PolicyId, OccurredAt = Timestamp.FromDateTimeOffset(now) };
        return new Transition(record, record with { View = view }, "appeal", [appealed],
            Notice(view, $"{view.PolicyTitle}: appeal received", $"Your application is back in {StageName(view.CurrentStage)}."))
        { Holdings = HoldingChange.Acquire };
    }

    public Transition Void(RedemptionRecord record, VoidReason reason, string text, string by, bool byApplicant, DateTimeOffset now)
    {
        var allowed = byApplicant
            ? record.Status is RedemptionStatus.PendingReview or RedemptionStatus.PublicNotice or RedemptionStatus.Suspended
            : record.HoldsPolicy;
        if (!allowed)
            throw new WorkflowViolationException(
                byApplicant ? $"A redemption in {record.Status} cannot be withdrawn." : $"A redemption in {record.Status} cannot be voided.", "INVALID_STATE");
        var view = Touch(record, now);
        view.Status = RedemptionStatus.Voided;
        view.NextInstallmentDueAt = null;
        view.Decisions.Add(Decision(view.CurrentStage, Contracts.Redemption.V1.Decision.Voided, by, now, text));
        var paid = Fen.From(view.Amount) * view.InstallmentsPaid;
        var release = Math.Max(0, record.ReservedFen - paid);
        var voided = new RedemptionVoided
        {
            RedemptionId = record.Id, TalentId = view.TalentId, PolicyId = view.PolicyId, Reason = reason,
            ReleasedAmount = Fen.ToMoney(release), OccurredAt = Timestamp.FromDateTimeOffset(now),
        };
        return new Transition(record, record with { View = view, ReservedFen = record.ReservedFen - release, HasPlace = false }, "void", [voided],
            Notice(view, $"{view.PolicyTitle}: voided", text.Length > 0 ? text : "Your application was withdrawn."))
        { ReleasesPlace = record.HasPlace, ReleaseFen = release, Holdings = HoldingChange.ReleaseAll };
    }

    public Transition Suspend(RedemptionRecord record, string reason, DateTimeOffset now)
    {
        if (!record.HoldsPolicy || record.Status == RedemptionStatus.Suspended)
            throw new WorkflowViolationException($"A redemption in {record.Status} cannot be suspended.", "INVALID_STATE");
        var view = Touch(record, now);
        view.Status = RedemptionStatus.Suspended;
        view.SuspensionReason = reason;
        view.Decisions.Add(Decision(view.CurrentStage, Contracts.Redemption.V1.Decision.Suspended, "system", now, reason));
        var suspended = new RedemptionSuspended { RedemptionId = record.Id, TalentId = view.TalentId, PolicyId = view.PolicyId, Reason = reason, OccurredAt = Timestamp.FromDateTimeOffset(now) };
        return new Transition(record, record with { View = view, SuspendedFrom = record.Status }, "suspend", [suspended],
            Notice(view, $"{view.PolicyTitle}: on hold", $"Your benefit is on hold for review: {reason}."));
    }

    public Transition EndNotice(RedemptionRecord record, Policy policy, DateTimeOffset now)
    {
        RequireStatus(record, RedemptionStatus.PublicNotice, "moved past its public notice");
        if (now < record.View.PublicNoticeUntil.ToDateTimeOffset())
            throw new WorkflowViolationException("The public notice has not ended yet.", "NOTICE_RUNNING");
        var view = Touch(record, now);
        view.Decisions.Add(Decision(view.CurrentStage, Contracts.Redemption.V1.Decision.NoticeEnded, "system", now, ""));
        StartDisbursing(view, policy, now);
        var ended = new RedemptionNoticeEnded { RedemptionId = record.Id, TalentId = view.TalentId, PolicyId = view.PolicyId, OccurredAt = Timestamp.FromDateTimeOffset(now) };
        return new Transition(record, record with { View = view }, "notice-ended", [ended],
            Notice(view, $"{view.PolicyTitle}: public notice ended", view.Status == RedemptionStatus.Disbursed ? "Granted." : "Payment is under way."))
        { Holdings = view.Status == RedemptionStatus.Disbursed ? HoldingChange.ReleasePolicy : HoldingChange.None };
    }

    public Transition RecordDisbursement(RedemptionRecord record, Policy policy, RecordDisbursementRequest request, string disbursementId, string officer, DateTimeOffset now)
    {
        if (record.Status is not (RedemptionStatus.Disbursing or RedemptionStatus.DisbursementFailed) || record.FailedForGood)
            throw new WorkflowViolationException($"No payment can be recorded for a redemption in {record.Status}{(record.FailedForGood ? " (failed for good)" : "")}.", "INVALID_STATE");
        var next = record.View.InstallmentsPaid + 1;
        if (request.Installment != next)
            throw new WorkflowViolationException($"The next installment to record is {next}.", "WRONG_INSTALLMENT");
        if (Fen.From(request.Amount) != Fen.From(record.View.Amount))
            throw new WorkflowViolationException($"Installment {next} is {Fen.From(record.View.Amount)} fen.", "AMOUNT_MISMATCH");
        if (next > 1 && record.View.NextInstallmentDueAt is { } due && now < due.ToDateTimeOffset())
            throw new WorkflowViolationException($"Installment {next} is not due before {due.ToDateTimeOffset():O}.", "INSTALLMENT_NOT_DUE");
        var view = Touch(record, now);
        var disbursement = new Disbursement
        {
            DisbursementId = disbursementId, Installment = next, Amount = view.Amount, RecordedAt = Timestamp.FromDateTimeOffset(now),
        };
        if (request.OutcomeCase == RecordDisbursementRequest.OutcomeOneofCase.Success)
        {
            disbursement.Outcome = DisbursementOutcome.Succeeded;
            disbursement.Success = request.Success;
            view.Disbursements.Add(disbursement);
            view.InstallmentsPaid = next;
            var done = next == view.Installments;
            view.Status = done ? RedemptionStatus.Disbursed : RedemptionStatus.Disbursing;
            DateTimeOffset? nextDue = done ? null : NextDue(view, policy, next + 1);
            view.NextInstallmentDueAt = nextDue is { } d ? Timestamp.FromDateTimeOffset(d) : null;
            var disbursed = new BenefitDisbursed
            {
                RedemptionId = record.Id, TalentId = view.TalentId, PolicyId = view.PolicyId, DisbursementId = disbursementId,
                Installment = next, Installments = view.Installments, Amount = view.Amount, OccurredAt = Timestamp.FromDateTimeOffset(now),
            };
            return new Transition(record, record with { View = view }, "disbursed", [disbursed],
                new TalentNotice(NotificationKind.BenefitDisbursed, $"{view.PolicyTitle}: paid", $"Installment {next} of {view.Installments} was paid."))
            { Holdings = done ? HoldingChange.ReleasePolicy : HoldingChange.None, InstallmentDueAt = nextDue };
        }

        var failure = request.Failure;
        disbursement.Outcome = DisbursementOutcome.Failed;
        disbursement.Failure = failure;
        view.Disbursements.Add(disbursement);
        view.Status = RedemptionStatus.DisbursementFailed;
        var failed = new BenefitDisbursementFailed
        {
            RedemptionId = record.Id, TalentId = view.TalentId, PolicyId = view.PolicyId, DisbursementId = disbursementId,
            Installment = next, Amount = view.Amount, FailureCode = failure.FailureCode, Retryable = failure.Retryable,
            OccurredAt = Timestamp.FromDateTimeOffset(now),
        };
        var notice = Notice(view, $"{view.PolicyTitle}: payment failed", failure.Retryable
            ? $"The bank reported {failure.FailureCode}; the payment will be tried again."
            : $"The bank reported {failure.FailureCode}; the payment cannot be made.");
        if (failure.Retryable)
            return new Transition(record, record with { View = view }, "disbursement-failed", [failed], notice);
        // A failure that cannot be retried ends the redemption: its unpaid money goes back to the budget.
        var release = record.ReservedFen - Fen.From(view.Amount) * view.InstallmentsPaid;
        view.NextInstallmentDueAt = null;
        return new Transition(record, record with { View = view, ReservedFen = record.ReservedFen - release, HasPlace = false }, "disbursement-failed-final", [failed], notice)
        { ReleasesPlace = record.HasPlace, ReleaseFen = release, Holdings = HoldingChange.ReleaseAll };
    }

    private static Transition Resume(RedemptionRecord record, ApprovalStage stage, string officer, string comment, DateTimeOffset now)
    {
        RequireStage(record, stage);
        var view = Touch(record, now);
        view.Status = record.SuspendedFrom;
        view.SuspensionReason = "";
        view.Decisions.Add(Decision(stage, Contracts.Redemption.V1.Decision.Resumed, officer, now, comment));
        var resumed = new RedemptionResumed { RedemptionId = record.Id, TalentId = view.TalentId, PolicyId = view.PolicyId, OccurredAt = Timestamp.FromDateTimeOffset(now) };
        var endsAt = view.Status == RedemptionStatus.PublicNotice ? view.PublicNoticeUntil.ToDateTimeOffset() : (DateTimeOffset?)null;
        return new Transition(record, record with { View = view, SuspendedFrom = RedemptionStatus.Unspecified }, "resume", [resumed],
            Notice(view, $"{view.PolicyTitle}: hold lifted", "Your benefit continues."))
        { NoticeEndsAt = endsAt };
    }

    private static void StartDisbursing(RedemptionView view, Policy policy, DateTimeOffset now)
    {
        if (policy.PaymentForm == PaymentForm.Service)
        {
            view.Status = RedemptionStatus.Disbursed;
            return;
        }
        view.Status = RedemptionStatus.Disbursing;
        view.NextInstallmentDueAt = Timestamp.FromDateTimeOffset(now);
    }

    /// <summary>Installment k falls due k−1 months (or years) after the first payment.</summary>
    private static DateTimeOffset NextDue(RedemptionView view, Policy policy, int installment)
    {
        var first = view.Disbursements.First(d => d.Outcome == DisbursementOutcome.Succeeded && d.Installment == 1).RecordedAt.ToDateTimeOffset();
        return policy.PaymentForm == PaymentForm.Yearly ? first.AddYears(installment - 1) : first.AddMonths(installment - 1);
    }

    private static RedemptionView Touch(RedemptionRecord record, DateTimeOffset now)
    {
        var view = record.View.Clone();
        view.UpdatedAt = Timestamp.FromDateTimeOffset(now);
        return view;
    }

    private static ReviewDecision Decision(ApprovalStage stage, Contracts.Redemption.V1.Decision decision, string by, DateTimeOffset now, string comment) =>
        new() { Stage = stage, Decision = decision, DecidedBy = by, DecidedAt = Timestamp.FromDateTimeOffset(now), Comment = comment };

    private static TalentNotice Notice(RedemptionView view, string title, string body) =>
        new(NotificationKind.RedemptionStatusChanged, title, body);

    private static void RequireStatus(RedemptionRecord record, RedemptionStatus status, string verb)
    {
        if (record.Status != status)
            throw new WorkflowViolationException($"Only a redemption in {status} can be {verb}; this one is {record.Status}.", "INVALID_STATE");
    }

    private static void RequireStage(RedemptionRecord record, ApprovalStage stage)
    {
        if (record.View.CurrentStage != stage)
            throw new WorkflowViolationException($"The redemption is at {record.View.CurrentStage}, not {stage}.", "STAGE_MISMATCH");
    }

    public static string StageName(ApprovalStage stage) => stage switch
    {
        ApprovalStage.PreliminaryReview => "preliminary review",
        ApprovalStage.TalentOffice => "talent office review",
        ApprovalStage.FinanceBureau => "finance bureau review",
        _ => "review",
    };

    /// <summary>For tests and callers that need the events as messages of one type.</summary>
    public static T Event<T>(Transition transition) where T : IMessage => transition.Events.OfType<T>().Single();
}

using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Redemption.V1;
using TalentMesh.Redemption.Access;
using TalentMesh.Redemption.Budgets;
using TalentMesh.Redemption.Eligibility;
using TalentMesh.Redemption.Idempotency;
using TalentMesh.Redemption.Policies;
using TalentMesh.Redemption.Talents;
using TalentMesh.ServiceDefaults.Errors;
using TalentMesh.ServiceDefaults.Redis;
using TalentMesh.ServiceDefaults.Security;
using RedemptionView = TalentMesh.Contracts.Redemption.V1.Redemption;

namespace TalentMesh.Redemption.Redemptions;

/// <summary>One-click redemption for applicants and the multi-stage office review for policy officers.</summary>
public sealed class RedemptionApi(RedisReader reader, PolicyStore policies, TalentStore talents, RedemptionStore redemptions, Redeemer redeemer,
    RedemptionCommitter committer, RedemptionWorkflow workflow, IdempotencyStore idempotency, TimeProvider time)
    : RedemptionService.RedemptionServiceBase
{
    private const string Readers = Roles.Applicant + "," + Roles.PolicyOfficer + "," + Roles.Admin;

    [Authorize(Policy = Roles.Applicant)]
    public override async Task<ListEligibleBenefitsResponse> ListEligibleBenefits(ListEligibleBenefitsRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var ct = context.CancellationToken;
        var query = $"eligible|{request.IncludeBlocked}";
        var position = PageToken.Decode(request.PageToken, query);
        var offset = position.Length == 0 ? 0 : int.TryParse(position, out var o) && o > 0 ? o
            : throw new ValidationFailedException([new FieldViolation("page_token", "is not a token of this query")]);
        // Reads that do not depend on each other leave together, in one pass through the resilience pipeline: under load
        // each read waited for in turn queues behind everyone else's work, and this is the call a talent's app makes on
        // hearing of a new benefit.
        var (profile, publishedIds) = await reader.ReadAsync(async db =>
        {
            var reading = talents.ReadAsync(db, caller.Subject);
            var listing = policies.ReadPublishedIdsAsync(db);
            return (await reading, await listing);
        }, ct);
        var published = await policies.PublishedAsync(publishedIds, ct);
        var now = time.GetUtcNow();
        var today = Calendar.ChinaTime.Today(now);
        // Which policies are listed needs no read: the tier and facts are in the profile.
        var listed = published.Where(policy => EligibilityRules.IsListed(policy, profile, today, request.IncludeBlocked)).ToList();
        var benefits = new List<EligibleBenefit>();
        if (listed.Count > 0)
        {
            var listedIds = listed.ConvertAll(policy => policy.PolicyId);
            var (holdingsOf, usage) = await reader.ReadAsync(async db =>
            {
                var holding = redemptions.ReadHoldingsForAsync(db, caller.Subject, listedIds);
                var budgets = Task.WhenAll(listedIds.Select(id => policies.ReadUsageAsync(db, id)));
                return (await holding, await budgets);
            }, ct);
            for (var i = 0; i < listed.Count; i++)
            {
                var policy = listed[i];
                var blockers = RedeemRules.Check(policy, profile, holdingsOf(policy.PolicyId), usage[i], now);
                var benefit = new EligibleBenefit
                {
                    PolicyId = policy.PolicyId, PolicyVersion = policy.Version, Title = policy.Title, PaymentForm = policy.PaymentForm,
                    Amount = Fen.ToMoney(AmountResolver.PerInstallmentFen(policy, profile)), Installments = AmountResolver.Installments(policy),
                    AutomaticGrant = policy.AutomaticGrant, ApplicationClosesAt = policy.ApplicationClosesAt, Redeemable = blockers.Count == 0,
                };
                benefit.Blockers.AddRange(blockers.Select(b => $"{b.Reason}: {b.Text}"));
                benefits.Add(benefit);
            }
        }
        var size = PageToken.Size(request.PageSize);
        var response = new ListEligibleBenefitsResponse { Tier = profile.Tier };
        response.Benefits.AddRange(benefits.Skip(offset).Take(size));
        if (offset + size < benefits.Count)
            response.NextPageToken = PageToken.Encode((offset + size).ToString(System.Globalization.CultureInfo.InvariantCulture), query);
        return response;
    }

    [Authorize(Policy = Roles.Applicant)]
    public override async Task<RedemptionView> Redeem(RedeemRequest request, ServerCallContext context)
    {
        var violations = new List<FieldViolation>();
        RequestChecks.Id(request.PolicyId, "policy_id", violations);
        RequestChecks.Id(request.IdempotencyKey, "idempotency_key", violations);
        RequestChecks.Materials(request.Materials, violations);
        RequestChecks.ThrowIfAny(violations);
        var caller = Caller.From(context);
        var stored = await policies.CurrentAsync(request.PolicyId, context.CancellationToken);
        if (stored is null || stored.Policy.Status == PolicyStatus.Draft)
            throw new NotFoundException("Policy", request.PolicyId);
        var policy = stored.Policy;
        for (var i = 0; i < request.Materials.Count; i++)
        {
            if (policy.RequiredMaterials.All(m => m.MaterialId != request.Materials[i].MaterialId))
                violations.Add(new FieldViolation($"materials[{i}].material_id", "is not a material this policy asks for"));
        }
        RequestChecks.ThrowIfAny(violations);
        var missing = policy.RequiredMaterials.Where(m => !m.Optional && request.Materials.All(s => s.MaterialId != m.MaterialId)).ToList();
        if (missing.Count > 0)
            throw new WorkflowViolationException($"Missing materials: {string.Join(", ", missing.Select(m => m.Title))}.", "MATERIALS_MISSING");
        var key = (idempotency.Key(caller.Subject, "redeem", request.IdempotencyKey), IdempotencyStore.Fingerprint(request));
        return await redeemer.RedeemAsync(stored, caller.Subject, request.Materials, automatic: false, key, time.GetUtcNow, context.CancellationToken);
    }

    [Authorize(Roles = Readers)]
    public override async Task<RedemptionView> GetRedemption(GetRedemptionRequest request, ServerCallContext context)
    {
        var violations = new List<FieldViolation>();
        RequestChecks.Id(request.RedemptionId, "redemption_id", violations);
        RequestChecks.ThrowIfAny(violations);
        return (await LoadVisibleAsync(request.RedemptionId, Caller.From(context), context.CancellationToken)).View;
    }

    [Authorize(Roles = Readers)]
    public override async Task<ListRedemptionsResponse> ListRedemptions(ListRedemptionsRequest request, ServerCallContext context)
    {
        var violations = new List<FieldViolation>();
        if (request.TalentId.Length > 0)
            RequestChecks.Id(request.TalentId, "talent_id", violations);
        if (request.PolicyId.Length > 0)
            RequestChecks.Id(request.PolicyId, "policy_id", violations);
        if (!Enum.IsDefined(request.Status))
            violations.Add(new FieldViolation("status", "is not a known status"));
        if (!Enum.IsDefined(request.Stage))
            violations.Add(new FieldViolation("stage", "is not a known stage"));
        RequestChecks.Timestamp(request.RequestedAfter, "requested_after", violations);
        RequestChecks.Timestamp(request.RequestedBefore, "requested_before", violations);
        RequestChecks.ThrowIfAny(violations);
        var caller = Caller.From(context);
        var talent = caller.SeesEverything ? (request.TalentId.Length > 0 ? request.TalentId : null) : caller.Subject;
        var query = $"redemptions|{talent}|{request.PolicyId}|{request.Status}|{request.Stage}|{request.RequestedAfter}|{request.RequestedBefore}";
        var position = PageToken.Decode(request.PageToken, query);
        long offset = position.Length == 0 ? 0 : long.TryParse(position, out var o) && o > 0 ? o
            : throw new ValidationFailedException([new FieldViolation("page_token", "is not a token of this query")]);
        var size = PageToken.Size(request.PageSize);
        var response = new ListRedemptionsResponse();
        while (response.Redemptions.Count < size)
        {
            var ids = await redemptions.PageIdsAsync(talent, offset, 200, context.CancellationToken);
            if (ids.Count == 0)
                return response;
            var loaded = await redemptions.LoadManyAsync(ids, context.CancellationToken);
            foreach (var stored in loaded)
            {
                offset++;
                if (stored is null || !Matches(stored.Record.View, request))
                    continue;
                response.Redemptions.Add(stored.Record.View);
                if (response.Redemptions.Count == size)
                    break;
            }
        }
        response.NextPageToken = PageToken.Encode(offset.ToString(System.Globalization.CultureInfo.InvariantCulture), query);
        return response;
    }

    [Authorize(Policy = Roles.PolicyOfficer)]
    public override async Task<RedemptionView> ApproveRedemption(ApproveRedemptionRequest request, ServerCallContext context)
    {
        var violations = new List<FieldViolation>();
        RequestChecks.Id(request.RedemptionId, "redemption_id", violations);
        RequestChecks.Stage(request.Stage, violations);
        RequestChecks.Text(request.Comment, "comment", false, violations);
        RequestChecks.OptionalKey(request.IdempotencyKey, violations);
        RequestChecks.ThrowIfAny(violations);
        var caller = Caller.From(context);
        return await committer.RunAsync(request.RedemptionId,
            (record, policy) => workflow.Approve(record, policy, request.Stage, caller.Subject, request.Comment, time.GetUtcNow()),
            caller.Subject, time.GetUtcNow, Key(caller, "approve", request.IdempotencyKey, request), null, context.CancellationToken);
    }

    [Authorize(Policy = Roles.PolicyOfficer)]
    public override async Task<RedemptionView> RejectRedemption(RejectRedemptionRequest request, ServerCallContext context)
    {
        var violations = new List<FieldViolation>();
        RequestChecks.Id(request.RedemptionId, "redemption_id", violations);
        RequestChecks.Stage(request.Stage, violations);
        if (request.Reason == RejectionReason.Unspecified || !Enum.IsDefined(request.Reason))
            violations.Add(new FieldViolation("reason", "is required: a rejection reason code"));
        RequestChecks.Text(request.ReasonText, "reason_text", request.Reason == RejectionReason.Other, violations);
        RequestChecks.ThrowIfAny(violations);
        var caller = Caller.From(context);
        return await committer.RunAsync(request.RedemptionId,
            (record, _) => workflow.Reject(record, request.Stage, request.Reason, request.ReasonText, caller.Subject, time.GetUtcNow()),
            caller.Subject, time.GetUtcNow, null, null, context.CancellationToken);
    }

    [Authorize(Roles = Roles.PolicyOfficer + "," + Roles.Applicant)]
    public override async Task<RedemptionView> VoidRedemption(VoidRedemptionRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var violations = new List<FieldViolation>();
        RequestChecks.Id(request.RedemptionId, "redemption_id", violations);
        RequestChecks.Text(request.ReasonText, "reason_text", caller.IsOfficer, violations);
        if (!Enum.IsDefined(request.Reason) || caller.IsOfficer && request.Reason == VoidReason.Unspecified)
            violations.Add(new FieldViolation("reason", "is required: a void reason code"));
        RequestChecks.ThrowIfAny(violations);
        var asApplicant = !caller.IsOfficer;
        if (asApplicant)
            await LoadVisibleAsync(request.RedemptionId, caller, context.CancellationToken);
        var reason = asApplicant ? VoidReason.Withdrawn : request.Reason;
        return await committer.RunAsync(request.RedemptionId,
            (record, _) => record.Status == RedemptionStatus.Voided
                ? throw new AlreadyVoided(record.View)
                : workflow.Void(record, reason, request.ReasonText, caller.Subject, asApplicant, time.GetUtcNow()),
            caller.Subject, time.GetUtcNow, null, null, context.CancellationToken).Recover();
    }

    [Authorize(Policy = Roles.Applicant)]
    public override async Task<RedemptionView> AppealRejection(AppealRejectionRequest request, ServerCallContext context)
    {
        var violations = new List<FieldViolation>();
        RequestChecks.Id(request.RedemptionId, "redemption_id", violations);
        RequestChecks.Text(request.Statement, "statement", true, violations);
        RequestChecks.Materials(request.Materials, violations);
        RequestChecks.OptionalKey(request.IdempotencyKey, violations);
        RequestChecks.ThrowIfAny(violations);
        var caller = Caller.From(context);
        await LoadVisibleAsync(request.RedemptionId, caller, context.CancellationToken);
        return await committer.RunAsync(request.RedemptionId,
            (record, _) =>
            {
                var transition = workflow.Appeal(record, caller.Subject, request.Statement, time.GetUtcNow());
                transition.After.View.Materials.AddRange(request.Materials);
                return transition;
            },
            caller.Subject, time.GetUtcNow, Key(caller, "appeal", request.IdempotencyKey, request), null, context.CancellationToken);
    }

    [Authorize(Policy = Roles.PolicyOfficer)]
    public override async Task<RedemptionView> RecordDisbursement(RecordDisbursementRequest request, ServerCallContext context)
    {
        var violations = new List<FieldViolation>();
        RequestChecks.Id(request.RedemptionId, "redemption_id", violations);
        if (request.Installment < 1)
            violations.Add(new FieldViolation("installment", "must be 1 or more"));
        RequestChecks.Amount(request.Amount, "amount", violations);
        RequestChecks.OptionalKey(request.IdempotencyKey, violations);
        switch (request.OutcomeCase)
        {
            case RecordDisbursementRequest.OutcomeOneofCase.Success:
                RequestChecks.Text(request.Success.PaymentReference, "success.payment_reference", true, violations);
                break;
            case RecordDisbursementRequest.OutcomeOneofCase.Failure:
                RequestChecks.Text(request.Failure.FailureCode, "failure.failure_code", true, violations);
                RequestChecks.Text(request.Failure.Description, "failure.description", false, violations);
                break;
            default:
                violations.Add(new FieldViolation("outcome", "success or failure is required"));
                break;
        }
        RequestChecks.ThrowIfAny(violations);
        var caller = Caller.From(context);
        var disbursementId = "dsb_" + Guid.CreateVersion7().ToString("N");
        return await committer.RunAsync(request.RedemptionId,
            (record, policy) => workflow.RecordDisbursement(record, policy, request, disbursementId, caller.Subject, time.GetUtcNow()),
            caller.Subject, time.GetUtcNow, Key(caller, "disburse", request.IdempotencyKey, request), null, context.CancellationToken);
    }

    private (StackExchange.Redis.RedisKey, string)? Key(Caller caller, string operation, string key, Google.Protobuf.IMessage request) =>
        key.Length == 0 ? null : (idempotency.Key(caller.Subject, operation, key), IdempotencyStore.Fingerprint(request));

    /// <summary>The redemption if the caller may see it; an applicant asking for another talent's gets NOT_FOUND.</summary>
    private async Task<RedemptionRecord> LoadVisibleAsync(string id, Caller caller, CancellationToken cancellationToken)
    {
        var stored = await redemptions.LoadAsync(id, cancellationToken);
        if (stored is null || (!caller.SeesEverything && stored.Record.View.TalentId != caller.Subject))
            throw new NotFoundException("Redemption", id);
        return stored.Record;
    }

    private static bool Matches(RedemptionView view, ListRedemptionsRequest request) =>
        (request.PolicyId.Length == 0 || view.PolicyId == request.PolicyId)
        && (request.Status == RedemptionStatus.Unspecified || view.Status == request.Status)
        && (request.Stage == ApprovalStage.Unspecified || view.CurrentStage == request.Stage)
        && (request.RequestedAfter is null || view.RequestedAt.ToDateTimeOffset() >= request.RequestedAfter.ToDateTimeOffset())
        && (request.RequestedBefore is null || view.RequestedAt.ToDateTimeOffset() < request.RequestedBefore.ToDateTimeOffset());
}

/// <summary>Voiding a voided redemption is idempotent by its state: it answers with the redemption as it is.</summary>
internal sealed class AlreadyVoided(RedemptionView view) : Exception("already voided")
{
    public RedemptionView View { get; } = view;
}

internal static class AlreadyVoidedRecovery
{
    public static async Task<RedemptionView> Recover(this Task<RedemptionView> task)
    {
        try
        {
            return await task;
        }
        catch (AlreadyVoided voided)
        {
            return voided.View;
        }
    }
}

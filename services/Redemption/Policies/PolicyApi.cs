using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using TalentMesh.Contracts.Redemption.V1;
using TalentMesh.EventBus.Outbox;
using TalentMesh.Redemption.Access;
using TalentMesh.Redemption.Facts;
using TalentMesh.Redemption.Idempotency;
using TalentMesh.Redemption.Notifications;
using TalentMesh.ServiceDefaults.Errors;
using TalentMesh.ServiceDefaults.Security;

namespace TalentMesh.Redemption.Policies;

/// <summary>The policy catalogue: officers draft, publish (immutable from then on) and close; anyone signed in reads.</summary>
public sealed class PolicyApi(PolicyStore store, IdempotencyStore idempotency, EventUnitOfWorkFactory units,
    FactsVocabulary vocabulary, MatchJobs matchJobs, TimeProvider time) : PolicyService.PolicyServiceBase
{
    [Authorize(Policy = Roles.PolicyOfficer)]
    public override async Task<Policy> CreatePolicy(CreatePolicyRequest request, ServerCallContext context)
    {
        var violations = new List<FieldViolation>();
        if (request.Policy is null)
            violations.Add(new FieldViolation("policy", "is required"));
        else
            violations.AddRange(PolicyValidator.Validate(request.Policy, vocabulary));
        CheckIdempotencyKey(request.IdempotencyKey, violations);
        if (violations.Count > 0)
            throw new ValidationFailedException(violations);

        var caller = Caller.From(context);
        var key = idempotency.Key(caller.Subject, "create-policy", request.IdempotencyKey);
        var fingerprint = IdempotencyStore.Fingerprint(request);
        if (await idempotency.FindAsync(key, fingerprint, context.CancellationToken) is { } existing)
            return await GetExistingAsync(existing, context.CancellationToken);

        var now = time.GetUtcNow();
        var policy = request.Policy!.Clone();
        policy.PolicyId = "pol_" + Guid.CreateVersion7().ToString("N");
        policy.Version = 1;
        policy.Status = PolicyStatus.Draft;
        policy.CreatedAt = Timestamp.FromDateTimeOffset(now);
        policy.PublishedAt = null;
        policy.BudgetCommitted = null;
        policy.ApprovedCount = 0;
        var unit = units.Begin();
        store.Write(unit, policy, 0);
        IdempotencyStore.Record(unit, key, fingerprint, policy.PolicyId);
        if (await unit.CommitAsync() != CommitOutcome.Committed)
            return await GetExistingAsync(await idempotency.FindAsync(key, fingerprint, context.CancellationToken)
                ?? throw new AlreadyExistsException("The request raced with itself; retry."), context.CancellationToken);
        return await store.WithUsageAsync(policy, context.CancellationToken);
    }

    [Authorize(Policy = Roles.PolicyOfficer)]
    public override async Task<Policy> UpdatePolicy(UpdatePolicyRequest request, ServerCallContext context)
    {
        if (request.Policy is null)
            throw new ValidationFailedException([new FieldViolation("policy", "is required")]);
        var violations = new List<FieldViolation>();
        if (!RedisKeys.IsSafeId(request.Policy.PolicyId))
            violations.Add(new FieldViolation("policy.policy_id", "is required"));
        violations.AddRange(PolicyValidator.Validate(request.Policy, vocabulary));
        if (violations.Count > 0)
            throw new ValidationFailedException(violations);

        var stored = await LoadAsync(request.Policy.PolicyId, context.CancellationToken);
        if (stored.Policy.Status != PolicyStatus.Draft)
            throw new WorkflowViolationException("A published or closed policy is immutable.", "POLICY_NOT_DRAFT");
        var policy = request.Policy.Clone();
        policy.Version = stored.Policy.Version;
        policy.Status = PolicyStatus.Draft;
        policy.CreatedAt = stored.Policy.CreatedAt;
        policy.PublishedAt = null;
        policy.BudgetCommitted = null;
        policy.ApprovedCount = 0;
        await CommitAsync(policy, stored.Revision, null);
        return await store.WithUsageAsync(policy, context.CancellationToken);
    }

    [Authorize(Policy = Roles.PolicyOfficer)]
    public override async Task<Policy> PublishPolicy(PublishPolicyRequest request, ServerCallContext context)
    {
        var stored = await LoadAsync(RequireId(request.PolicyId), context.CancellationToken);
        if (stored.Policy.Status == PolicyStatus.Published)
            return await store.WithUsageAsync(stored.Policy, context.CancellationToken);
        if (stored.Policy.Status != PolicyStatus.Draft)
            throw new WorkflowViolationException("A closed policy cannot be published again.", "POLICY_CLOSED");
        var now = time.GetUtcNow();
        if (stored.Policy.ApplicationClosesAt is { } closes && closes.ToDateTimeOffset() <= now)
            throw new WorkflowViolationException("The application window has already closed.", "WINDOW_CLOSED");
        var policy = stored.Policy.Clone();
        policy.Status = PolicyStatus.Published;
        policy.PublishedAt = Timestamp.FromDateTimeOffset(now);
        await CommitAsync(policy, stored.Revision, PolicyEvents.Published(policy, now));
        return await store.WithUsageAsync(policy, context.CancellationToken);
    }

    [Authorize(Policy = Roles.PolicyOfficer)]
    public override async Task<Policy> ClosePolicy(ClosePolicyRequest request, ServerCallContext context)
    {
        var stored = await LoadAsync(RequireId(request.PolicyId), context.CancellationToken);
        if (stored.Policy.Status == PolicyStatus.Closed)
            return await store.WithUsageAsync(stored.Policy, context.CancellationToken);
        if (stored.Policy.Status != PolicyStatus.Published)
            throw new WorkflowViolationException("Only a published policy can be closed.", "POLICY_NOT_PUBLISHED");
        var policy = stored.Policy.Clone();
        policy.Status = PolicyStatus.Closed;
        await CommitAsync(policy, stored.Revision, null);
        return await store.WithUsageAsync(policy, context.CancellationToken);
    }

    public override async Task<Policy> GetPolicy(GetPolicyRequest request, ServerCallContext context)
    {
        if (request.Version < 0)
            throw new ValidationFailedException([new FieldViolation("version", "must not be negative")]);
        var stored = await LoadAsync(RequireId(request.PolicyId), context.CancellationToken);
        var caller = Caller.From(context);
        if ((!caller.SeesEverything && stored.Policy.Status != PolicyStatus.Published) || (request.Version != 0 && request.Version != stored.Policy.Version))
            throw new NotFoundException("Policy", request.PolicyId);
        return await store.WithUsageAsync(stored.Policy, context.CancellationToken);
    }

    public override async Task<ListPoliciesResponse> ListPolicies(ListPoliciesRequest request, ServerCallContext context)
    {
        if (!System.Enum.IsDefined(request.Status) || !System.Enum.IsDefined(request.Tier))
            throw new ValidationFailedException([new FieldViolation(System.Enum.IsDefined(request.Status) ? "tier" : "status", "is not a known value")]);
        var caller = Caller.From(context);
        var status = caller.SeesEverything ? request.Status : PolicyStatus.Published;
        if (!caller.SeesEverything && request.Status is not (PolicyStatus.Unspecified or PolicyStatus.Published))
            return new ListPoliciesResponse();
        var query = $"policies|{status}|{request.Tier}";
        var position = PageToken.Decode(request.PageToken, query);
        long offset = 0;
        if (position.Length > 0 && !long.TryParse(position, out offset))
            throw new ValidationFailedException([new FieldViolation("page_token", "is not a token of this query")]);
        var (page, next) = await store.ListAsync(offset, PageToken.Size(request.PageSize),
            p => (status == PolicyStatus.Unspecified || p.Status == status) && (request.Tier == Contracts.Common.V1.Tier.Unspecified || p.EligibleTiers.Contains(request.Tier)),
            context.CancellationToken);
        var response = new ListPoliciesResponse { NextPageToken = next == 0 ? "" : PageToken.Encode(next.ToString(System.Globalization.CultureInfo.InvariantCulture), query) };
        foreach (var policy in page)
            response.Policies.Add(await store.WithUsageAsync(policy, context.CancellationToken));
        return response;
    }

    private async Task CommitAsync(Policy policy, long revision, Contracts.Events.V1.PolicyPublished? published)
    {
        var unit = units.Begin();
        store.Write(unit, policy, revision);
        if (published is not null)
            unit.Publish(published);
        var outcome = await unit.CommitAsync();
        store.Forget(policy.PolicyId);
        if (outcome != CommitOutcome.Committed)
            throw new WorkflowViolationException("The policy changed meanwhile; read it again and retry.", "CONCURRENT_CHANGE");
        if (published is not null)
            matchJobs.Wake();
    }

    private async Task<PolicyStore.Stored> LoadAsync(string id, CancellationToken cancellationToken) =>
        await store.LoadAsync(id, cancellationToken) ?? throw new NotFoundException("Policy", id);

    private async Task<Policy> GetExistingAsync(string id, CancellationToken cancellationToken) =>
        await store.WithUsageAsync((await LoadAsync(id, cancellationToken)).Policy, cancellationToken);

    private static string RequireId(string id) =>
        RedisKeys.IsSafeId(id) ? id : throw new ValidationFailedException([new FieldViolation("policy_id", "is required (letters, digits, '-', '_', '.')")]);

    public static void CheckIdempotencyKey(string key, List<FieldViolation> violations)
    {
        if (!RedisKeys.IsSafeId(key))
            violations.Add(new FieldViolation("idempotency_key", "is required: 1–128 letters, digits, '-', '_' or '.' (a UUID)"));
    }
}

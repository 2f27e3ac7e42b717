using TalentMesh.Contracts.Events.V1;
using TalentMesh.Contracts.Registration.V1;
using TalentMesh.EventBus.Outbox;
using TalentMesh.Registration.Security;
using TalentMesh.Registration.Talents;
using TalentMesh.Registration.Tiers;
using TalentMesh.Registration.Validation;
using TalentMesh.ServiceDefaults.Errors;
using TalentMesh.ServiceDefaults.Redis;

namespace TalentMesh.Registration.TalentCodes;

/// <summary>
/// Issuing, showing and revoking a talent's code on request. Each attempt reads what it decides on — the talent, its
/// tier, its active code, an earlier issue with the same idempotency key — in one pass (<see cref="RedisReader"/>).
/// </summary>
public sealed class CodeDesk(RedisReader reader, TalentStore talents, TierStore tiers, TalentCodeStore codes, CodeLedger ledger,
    CodeView view, EventUnitOfWorkFactory units, TimeProvider time)
{
    private const int MaxAttempts = 5;

    public async Task<TalentCode> IssueAsync(Caller caller, IssueTalentCodeRequest request, CancellationToken cancellationToken)
    {
        var violations = new Violations();
        violations.AddIf("talent_id", FieldRules.Identifier(request.TalentId));
        violations.AddIf("idempotency_key", FieldRules.IdempotencyKey(request.IdempotencyKey));
        violations.ThrowIfAny();
        caller.EnsureMayAccess(request.TalentId, "talent", request.TalentId);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var now = time.GetUtcNow();
            var (talentExists, earlier, standing, active) = await reader.ReadAsync(async db =>
            {
                var exists = talents.ExistsAsync(db, request.TalentId);
                var issuedBefore = codes.ReadByIdempotencyKeyAsync(db, request.TalentId, request.IdempotencyKey);
                var tier = tiers.ReadAsync(db, request.TalentId);
                var current = codes.ReadActiveAsync(db, request.TalentId);
                return (await exists, await issuedBefore, await tier, await current);
            }, cancellationToken);
            EnsureFound(talentExists, request.TalentId);
            if (earlier is { } replay)
                return view.Of(replay.Record ?? throw new NotFoundException("talent code", replay.Serial), now);
            if (standing is null || !standing.Holds(now))
                throw new WorkflowViolationException("The talent holds no certified tier, so no code can be issued.", "NO_CERTIFIED_TIER");
            var unit = units.Begin();
            var issued = ledger.Apply(unit, request.TalentId, active, CodeDecision.Reissue(active, standing), caller, now)!;
            codes.ClaimIdempotencyKey(unit, request.TalentId, request.IdempotencyKey, issued.Serial);
            if (await unit.CommitAsync() == CommitOutcome.Committed)
                return view.Of(issued, now);
        }
        throw new WorkflowViolationException("The code kept changing concurrently; retry.", "CONCURRENT_CHANGE");
    }

    public async Task<TalentCode> GetAsync(Caller caller, GetTalentCodeRequest request, CancellationToken cancellationToken)
    {
        var violations = new Violations();
        violations.AddIf("talent_id", FieldRules.Identifier(request.TalentId));
        violations.ThrowIfAny();
        caller.EnsureMayAccess(request.TalentId, "talent", request.TalentId);
        var now = time.GetUtcNow();
        var (talentExists, active) = await reader.ReadAsync(async db =>
        {
            var exists = talents.ExistsAsync(db, request.TalentId);
            var current = codes.ReadActiveAsync(db, request.TalentId);
            return (await exists, await current);
        }, cancellationToken);
        EnsureFound(talentExists, request.TalentId);
        if (active is null || active.ValidUntil <= now)
            throw new WorkflowViolationException("The talent has no active code.", "NO_ACTIVE_CODE");
        return view.Of(active, now);
    }

    public async Task<RevokeTalentCodeResponse> RevokeAsync(Caller caller, RevokeTalentCodeRequest request, CancellationToken cancellationToken)
    {
        var violations = new Violations();
        violations.AddIf("talent_id", FieldRules.Identifier(request.TalentId));
        if (request.CodeSerial.Length > 0)
            violations.AddIf("code_serial", FieldRules.Identifier(request.CodeSerial));
        violations.AddIf("reason", FieldRules.Text(request.Reason, 200, required: false));
        violations.ThrowIfAny();
        caller.EnsureMayAccess(request.TalentId, "talent", request.TalentId);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var (talentExists, active, named) = await reader.ReadAsync(async db =>
            {
                var exists = talents.ExistsAsync(db, request.TalentId);
                var current = codes.ReadActiveAsync(db, request.TalentId);
                var bySerial = request.CodeSerial.Length == 0 ? Task.FromResult<CodeSerial?>(null) : codes.ReadAsync(db, request.CodeSerial);
                return (await exists, await current, await bySerial);
            }, cancellationToken);
            EnsureFound(talentExists, request.TalentId);
            var target = request.CodeSerial.Length == 0 ? active : named;
            if (target is null || target.TalentId != request.TalentId)
                throw new NotFoundException("talent code", request.CodeSerial.Length == 0 ? "(active)" : request.CodeSerial);
            if (target.Revoked)
                return Revoked(target);
            var now = time.GetUtcNow();
            var wasActive = active?.Serial == target.Serial;
            var unit = units.Begin();
            codes.RequireActive(unit, request.TalentId, active?.Serial);
            ledger.Revoke(unit, target, TalentCodeRevocationReason.Manual, wasActive, caller, now);
            if (await unit.CommitAsync() == CommitOutcome.Committed)
                return Revoked(target with { RevokedAt = now });
        }
        throw new WorkflowViolationException("The code kept changing concurrently; retry.", "CONCURRENT_CHANGE");
    }

    private static RevokeTalentCodeResponse Revoked(CodeSerial serial) => new()
    {
        CodeSerial = serial.Serial,
        RevokedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(serial.RevokedAt!.Value),
    };

    private static void EnsureFound(bool talentExists, string talentId)
    {
        if (!talentExists)
            throw new NotFoundException("talent", talentId);
    }
}

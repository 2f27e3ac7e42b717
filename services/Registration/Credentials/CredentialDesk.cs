using System.Security.Cryptography;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Events.V1;
using TalentMesh.Contracts.Registration.V1;
using TalentMesh.EventBus.Outbox;
using TalentMesh.Registration.Audit;
using TalentMesh.Registration.Security;
using TalentMesh.Registration.Talents;
using TalentMesh.Registration.Validation;
using TalentMesh.ServiceDefaults.Errors;
using TalentMesh.ServiceDefaults.Redis;

namespace TalentMesh.Registration.Credentials;

/// <summary>Submission and HR decisions. Each change, its audit entry and its event commit as one unit.</summary>
public sealed class CredentialDesk(
    RedisReader reader, CredentialStore credentials, TalentStore talents, AuditStore audit, EventUnitOfWorkFactory units, TimeProvider time)
{
    private const int MaxAttempts = 5;

    public async Task<Credential> SubmitAsync(Caller caller, SubmitCredentialRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        SubmissionRules.Validate(request, DateOnly.FromDateTime(now.UtcDateTime));
        caller.EnsureMayAccess(request.TalentId, "talent", request.TalentId);
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(request.ToByteArray()));
        // Both reads leave together (one round trip, one pass through the resilience pipeline); the talent is read in
        // vain only for a replay.
        var (earlier, found) = await reader.ReadAsync(async db =>
        {
            var submission = credentials.ReadByIdempotencyKeyAsync(db, request.TalentId, request.IdempotencyKey);
            var talent = talents.ReadAsync(db, request.TalentId);
            return (await submission, await talent);
        }, cancellationToken);
        if (earlier is { } replayed)
            return await Replay(replayed, fingerprint, cancellationToken);
        var talent = found ?? throw new NotFoundException("talent", request.TalentId);
        if (talent.Talent.Status != TalentStatus.Active)
            throw new WorkflowViolationException("A suspended talent cannot submit credentials.", "TALENT_SUSPENDED");

        var credential = new Credential
        {
            CredentialId = "cred-" + Guid.CreateVersion7(now).ToString("N"),
            TalentId = request.TalentId,
            CredentialType = CredentialAttributeRules.TypeOf(request.Attributes),
            Status = CredentialStatus.Submitted,
            Attributes = request.Attributes,
            VerificationReference = request.VerificationReference,
            SubmittedAt = Timestamp.FromDateTimeOffset(now),
        };
        credential.Evidence.Add(request.Evidence);
        var unit = units.Begin();
        credentials.Create(unit, new StoredCredential(credential, talent.Talent.EmployerCreditCode, 1), request.IdempotencyKey, fingerprint);
        unit.Publish(new CredentialSubmitted
        {
            TalentId = credential.TalentId,
            CredentialId = credential.CredentialId,
            CredentialType = credential.CredentialType,
            OccurredAt = credential.SubmittedAt,
        });
        audit.Append(unit, AuditRecord.Of(caller, "credential.submitted", credential.TalentId, now, credential.CredentialId,
            after: new Dictionary<string, string> { ["status"] = credential.Status.ToString(), ["credential_type"] = credential.CredentialType.ToString() }));
        if (await unit.CommitAsync() == CommitOutcome.Committed)
            return credential;
        // Lost a race with a retry of the same submission: answer what the winner stored.
        return await credentials.FindByIdempotencyKeyAsync(request.TalentId, request.IdempotencyKey, cancellationToken) is { } winner
            ? await Replay(winner, fingerprint, cancellationToken)
            : throw new WorkflowViolationException("The submission conflicted with a concurrent change; retry.", "CONCURRENT_CHANGE");
    }

    /// <summary>
    /// An HR decision (verify, reject, revoke: see <see cref="CredentialDecision"/>), one state transition, first
    /// writer wins: the commit requires the version read, so of two reviewers deciding at once one commits and the
    /// other re-reads a decided credential and gets FAILED_PRECONDITION. The same reviewer repeating the decision
    /// already made gets the current credential back (a retried call, not a second decision).
    /// </summary>
    public async Task<Credential> DecideAsync(Caller caller, CredentialDecision decision, CancellationToken cancellationToken)
    {
        decision.Validate(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        var (credentialId, from, to) = (decision.CredentialId, decision.From, decision.To);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var stored = await credentials.FindAsync(credentialId, cancellationToken) ?? throw new NotFoundException("credential", credentialId);
            var current = stored.Credential;
            if (current.Status == to && current.ReviewedBy == caller.Subject)
                return current;
            if (current.Status != from)
                throw new WorkflowViolationException(
                    $"The credential is {current.Status}, not {from}.", "CREDENTIAL_NOT_" + from.ToString().ToUpperInvariant());
            var now = time.GetUtcNow();
            var next = current.Clone();
            next.Status = to;
            next.ReviewedBy = caller.Subject;
            next.ReviewedAt = Timestamp.FromDateTimeOffset(now);
            var @event = decision.Apply(next);
            var unit = units.Begin();
            credentials.Update(unit, stored with { Credential = next }, stored.Version);
            unit.Publish(@event);
            audit.Append(unit, AuditRecord.Of(caller, "credential." + to.ToString().ToLowerInvariant(), next.TalentId, now, next.CredentialId,
                before: new Dictionary<string, string> { ["status"] = current.Status.ToString() },
                after: new Dictionary<string, string> { ["status"] = to.ToString(), ["reason"] = next.Reason, ["fraud"] = next.Fraud.ToString() }));
            if (await unit.CommitAsync() == CommitOutcome.Committed)
                return next;
        }
        throw new WorkflowViolationException("The credential kept changing concurrently; retry.", "CONCURRENT_CHANGE");
    }

    private async Task<Credential> Replay((string Fingerprint, string CredentialId) earlier, string fingerprint, CancellationToken cancellationToken)
    {
        if (earlier.Fingerprint != fingerprint)
            throw new AlreadyExistsException("The idempotency key was used with a different request.");
        return (await credentials.FindAsync(earlier.CredentialId, cancellationToken))?.Credential
            ?? throw new NotFoundException("credential", earlier.CredentialId);
    }
}

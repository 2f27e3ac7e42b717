using Google.Protobuf.WellKnownTypes;
using TalentMesh.Contracts.Events.V1;
using TalentMesh.Contracts.Registration.V1;
using TalentMesh.EventBus.Outbox;
using TalentMesh.Registration.Audit;
using TalentMesh.Registration.Identity;
using TalentMesh.Registration.Pii;
using TalentMesh.Registration.Security;
using TalentMesh.Registration.Validation;
using TalentMesh.ServiceDefaults.Errors;

namespace TalentMesh.Registration.Talents;

/// <summary>
/// RegisterTalent and UpdateContact: the talent, its audit entry and its event commit together or not at all.
/// </summary>
public sealed class TalentRegistrar(
    TalentStore talents, AuditStore audit, PiiProtector pii, BlindIndex blindIndex, EventUnitOfWorkFactory units, TimeProvider time)
{
    /// <summary>Racing writers retry a read-modify-write this often before the caller is told to retry.</summary>
    private const int MaxAttempts = 5;

    /// <summary>The talent, and whether this call created it (false: an idempotent retry answered with the stored one).</summary>
    public async Task<(StoredTalent Talent, bool Created)> RegisterAsync(Caller caller, RegisterTalentRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var valid = RegistrationValidator.Validate(request, DateOnly.FromDateTime(now.UtcDateTime));
        var talentId = caller.Subject;
        var identityIndex = blindIndex.Compute("identity", $"{(int)valid.DocumentType}|{valid.IssuingCountry}|{valid.IdentityNumber}");
        // The fingerprint holds personal data only as a keyed hash.
        var fingerprint = blindIndex.Compute("register-request", System.Text.Json.JsonSerializer.Serialize(valid));
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var (storedFingerprint, identityTaken, talentExists) = await talents.RegistrationStateAsync(talentId, valid.IdempotencyKey, identityIndex, cancellationToken);
            if (storedFingerprint is not null)
            {
                if (storedFingerprint != fingerprint)
                    throw new AlreadyExistsException("The idempotency key was used with a different request.");
                return (await talents.FindAsync(talentId, cancellationToken) ?? throw new NotFoundException("talent", talentId), false);
            }
            if (talentExists)
                throw new AlreadyExistsException("The caller is already registered as a talent.");
            if (identityTaken)
                throw new AlreadyExistsException("The identity number is already registered.");

            var talent = NewTalent(talentId, valid, now);
            var unit = units.Begin();
            talents.Create(unit, talent, identityIndex, valid.IdempotencyKey, fingerprint);
            unit.Publish(new TalentRegistered
            {
                TalentId = talentId,
                IdentityDocumentType = valid.DocumentType,
                BirthDate = FieldRules.ToDate(valid.BirthDate),
                EmployerCreditCode = valid.EmployerCreditCode,
                OccurredAt = Timestamp.FromDateTimeOffset(now),
            });
            audit.Append(unit, AuditRecord.Of(caller, "talent.registered", talentId, now, after: new Dictionary<string, string>
            {
                ["identity_document_type"] = valid.DocumentType.ToString(),
                ["identity_number"] = talent.Talent.IdentityNumberMasked,
                ["phone"] = talent.Talent.PhoneMasked,
                ["employer_credit_code"] = valid.EmployerCreditCode,
            }));
            if (await unit.CommitAsync() == CommitOutcome.Committed)
                return (talent with { Version = 1 }, true);
        }
        throw new WorkflowViolationException("The registration kept conflicting with concurrent changes; retry.", "CONCURRENT_CHANGE");
    }

    public async Task<StoredTalent> UpdateContactAsync(Caller caller, UpdateContactRequest request, CancellationToken cancellationToken)
    {
        var violations = new Violations();
        violations.AddIf("talent_id", FieldRules.Identifier(request.TalentId));
        var phone = MainlandPhone.Normalize(request.Phone);
        if (phone is null)
            violations.Add("phone", "must be a mainland mobile number (11 digits starting 13–19, optionally +86)");
        violations.ThrowIfAny();
        caller.EnsureMayAccess(request.TalentId, "talent", request.TalentId);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await talents.FindAsync(request.TalentId, cancellationToken) ?? throw new NotFoundException("talent", request.TalentId);
            if (request.Etag.Length > 0 && request.Etag != TalentView.Etag(current.Version))
                throw new WorkflowViolationException("The talent changed since it was read (stale etag); read it again.", "STALE_ETAG");
            var now = time.GetUtcNow();
            var talent = current.Talent.Clone();
            talent.PhoneMasked = Masking.Phone(phone!);
            talent.UpdatedAt = Timestamp.FromDateTimeOffset(now);
            var updated = current with { Talent = talent, ProtectedPhone = pii.Protect(phone!, PhoneContext(request.TalentId)) };
            var unit = units.Begin();
            // The version read above must still be there: a concurrent update makes this one retry on fresh data, never overwrite it.
            talents.Update(unit, updated, current.Version);
            audit.Append(unit, AuditRecord.Of(caller, "contact.updated", request.TalentId, now,
                before: new Dictionary<string, string> { ["phone"] = current.Talent.PhoneMasked },
                after: new Dictionary<string, string> { ["phone"] = talent.PhoneMasked }));
            if (await unit.CommitAsync() == CommitOutcome.Committed)
                return updated with { Version = current.Version + 1 };
        }
        throw new WorkflowViolationException("The talent kept changing concurrently; retry.", "CONCURRENT_CHANGE");
    }

    public static string IdentityContext(string talentId) => "talent/" + talentId + "/identity_number";

    public static string PhoneContext(string talentId) => "talent/" + talentId + "/phone";

    private StoredTalent NewTalent(string talentId, ValidRegistration valid, DateTimeOffset now)
    {
        var at = Timestamp.FromDateTimeOffset(now);
        var talent = new Talent
        {
            TalentId = talentId,
            IdentityDocumentType = valid.DocumentType,
            IdentityNumberMasked = Masking.IdentityNumber(valid.IdentityNumber),
            FullName = valid.FullName,
            BirthDate = FieldRules.ToDate(valid.BirthDate),
            Gender = valid.Gender,
            PhoneMasked = Masking.Phone(valid.Phone),
            EmployerCreditCode = valid.EmployerCreditCode,
            Status = TalentStatus.Active,
            RegisteredAt = at,
            UpdatedAt = at,
        };
        return new StoredTalent(talent, pii.Protect(valid.IdentityNumber, IdentityContext(talentId)), pii.Protect(valid.Phone, PhoneContext(talentId)), 1);
    }
}

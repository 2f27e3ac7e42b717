using Google.Protobuf;
using TalentMesh.Contracts.Events.V1;
using TalentMesh.Contracts.Registration.V1;
using TalentMesh.Registration.Validation;
using TalentMesh.ServiceDefaults.Errors;

namespace TalentMesh.Registration.Credentials;

/// <summary>
/// An HR decision on a credential — verify, reject or revoke — as data: the credential it is about, the status it
/// moves the credential from and to, the request's own field checks, and what it writes on the credential and
/// announces. <see cref="CredentialDesk.DecideAsync"/> runs every decision through the same pipeline.
/// </summary>
public sealed record CredentialDecision(
    string CredentialId,
    CredentialStatus From,
    CredentialStatus To,
    Action<Violations, DateOnly> CheckRequest,
    Func<Credential, IMessage> Apply)
{
    public const int MaxTextLength = 500;

    /// <summary>Every field violation of the request (today: the day attribute dates are checked against).</summary>
    public void Validate(DateOnly today)
    {
        var violations = new Violations();
        violations.AddIf("credential_id", FieldRules.Identifier(CredentialId));
        CheckRequest(violations, today);
        violations.ThrowIfAny();
    }

    public static CredentialDecision Verify(VerifyCredentialRequest request) => new(request.CredentialId, CredentialStatus.Submitted, CredentialStatus.Verified,
        (violations, today) =>
        {
            if (request.CorrectedAttributes is not null)
                CredentialAttributeRules.Check(request.CorrectedAttributes, "corrected_attributes", today, violations);
            violations.AddIf("note", FieldRules.Text(request.Note, MaxTextLength, required: false));
        },
        credential =>
        {
            if (request.CorrectedAttributes is { } corrected)
            {
                if (CredentialAttributeRules.TypeOf(corrected) != credential.CredentialType)
                    throw new ValidationFailedException([new FieldViolation("corrected_attributes", "must be of the credential's own type")]);
                credential.Attributes = corrected;
            }
            return new CredentialVerified
            {
                TalentId = credential.TalentId, CredentialId = credential.CredentialId, CredentialType = credential.CredentialType,
                Attributes = credential.Attributes, OccurredAt = credential.ReviewedAt,
            };
        });

    public static CredentialDecision Reject(RejectCredentialRequest request) => new(request.CredentialId, CredentialStatus.Submitted, CredentialStatus.Rejected,
        (violations, _) => violations.AddIf("reason", FieldRules.Text(request.Reason, MaxTextLength)),
        credential =>
        {
            credential.Reason = request.Reason.Trim();
            return new CredentialRejected
            {
                TalentId = credential.TalentId, CredentialId = credential.CredentialId, CredentialType = credential.CredentialType,
                Reason = credential.Reason, OccurredAt = credential.ReviewedAt,
            };
        });

    public static CredentialDecision Revoke(RevokeCredentialRequest request) => new(request.CredentialId, CredentialStatus.Verified, CredentialStatus.Revoked,
        (violations, _) => violations.AddIf("reason", FieldRules.Text(request.Reason, MaxTextLength)),
        credential =>
        {
            credential.Reason = request.Reason.Trim();
            credential.Fraud = request.Fraud;
            return new CredentialRevoked
            {
                TalentId = credential.TalentId, CredentialId = credential.CredentialId, CredentialType = credential.CredentialType,
                Reason = credential.Reason, Fraud = credential.Fraud, OccurredAt = credential.ReviewedAt,
            };
        });
}

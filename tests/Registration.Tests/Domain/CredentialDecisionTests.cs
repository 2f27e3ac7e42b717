using Google.Protobuf.WellKnownTypes;
using TalentMesh.Contracts.Events.V1;
using TalentMesh.Contracts.Registration.V1;
using TalentMesh.Registration.Credentials;
using TalentMesh.ServiceDefaults.Errors;

namespace TalentMesh.Registration.Tests.Domain;

public sealed class CredentialDecisionTests
{
    private static readonly DateOnly Today = new(2026, 12, 2);

    private static Credential Reviewed(CredentialStatus status) => new()
    {
        CredentialId = "cred-1", TalentId = "t1", CredentialType = CredentialAttributeRules.TypeOf(Samples.AllCredentialTypes[0].Attributes),
        Attributes = Samples.AllCredentialTypes[0].Attributes, Status = status, ReviewedBy = "hr-1",
        ReviewedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero)),
    };

    [Fact]
    public void Factories_EachDecision_MovesBetweenItsStatuses()
    {
        Assert.Equal((CredentialStatus.Submitted, CredentialStatus.Verified), Statuses(CredentialDecision.Verify(new VerifyCredentialRequest { CredentialId = "c" })));
        Assert.Equal((CredentialStatus.Submitted, CredentialStatus.Rejected), Statuses(CredentialDecision.Reject(new RejectCredentialRequest { CredentialId = "c", Reason = "r" })));
        Assert.Equal((CredentialStatus.Verified, CredentialStatus.Revoked), Statuses(CredentialDecision.Revoke(new RevokeCredentialRequest { CredentialId = "c", Reason = "r" })));
    }

    [Fact]
    public void Validate_BadIdAndMissingReason_NamesBothFields()
    {
        var error = Assert.Throws<ValidationFailedException>(() => CredentialDecision.Reject(new RejectCredentialRequest { CredentialId = "" }).Validate(Today));
        Assert.Equal(["credential_id", "reason"], error.Violations.Select(v => v.Field).Order());
    }

    [Fact]
    public void Apply_Revoke_WritesReasonAndFraudAndAnnouncesThem()
    {
        var credential = Reviewed(CredentialStatus.Revoked);
        var announced = Assert.IsType<CredentialRevoked>(CredentialDecision.Revoke(new RevokeCredentialRequest { CredentialId = "cred-1", Reason = "  forged  ", Fraud = true }).Apply(credential));
        Assert.Equal(("forged", true), (credential.Reason, credential.Fraud));
        Assert.Equal(("cred-1", "forged", true, credential.ReviewedAt), (announced.CredentialId, announced.Reason, announced.Fraud, announced.OccurredAt));
    }

    [Fact]
    public void Apply_VerifyWithAttributesOfAnotherType_IsRefused()
    {
        var credential = Reviewed(CredentialStatus.Verified);
        var otherType = Samples.AllCredentialTypes.First(c => CredentialAttributeRules.TypeOf(c.Attributes) != credential.CredentialType).Attributes;
        var error = Assert.Throws<ValidationFailedException>(() =>
            CredentialDecision.Verify(new VerifyCredentialRequest { CredentialId = "cred-1", CorrectedAttributes = otherType }).Apply(credential));
        Assert.Equal("corrected_attributes", Assert.Single(error.Violations).Field);
    }

    private static (CredentialStatus, CredentialStatus) Statuses(CredentialDecision decision) => (decision.From, decision.To);
}

using TalentMesh.Contracts.Events.V1;
using TalentMesh.EventBus.Handling;
using TalentMesh.Evaluation.Scores;

namespace TalentMesh.Evaluation.Facts;

/// <summary>credential.verified: the verified attributes become the credential's facts.</summary>
public sealed class CredentialVerifiedHandler(TalentReevaluation reevaluation) : IIntegrationEventHandler<CredentialVerified>
{
    public Task HandleAsync(CredentialVerified @event, EventContext context, CancellationToken cancellationToken)
    {
        var talentId = EventFields.Required(@event.TalentId, "talent_id");
        var (facts, recency) = CredentialFactMapping.Contributions(@event.CredentialType, @event.Attributes);
        var decision = new CredentialRecord(EventFields.Required(@event.CredentialId, "credential_id"), CredentialState.Verified,
            EventFields.OccurredAt(@event.OccurredAt, context), false, facts, recency);
        return reevaluation.ApplyAsync(talentId, talent => talent.WithCredential(decision), EvaluationTrigger.CredentialVerified, context);
    }
}

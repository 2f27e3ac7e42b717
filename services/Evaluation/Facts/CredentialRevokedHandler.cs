using TalentMesh.Contracts.Events.V1;
using TalentMesh.EventBus.Handling;
using TalentMesh.Evaluation.Scores;

namespace TalentMesh.Evaluation.Facts;

/// <summary>credential.revoked: the credential's facts are withdrawn; revoked for fraud, it counts as falsified material.</summary>
public sealed class CredentialRevokedHandler(TalentReevaluation reevaluation) : IIntegrationEventHandler<CredentialRevoked>
{
    public Task HandleAsync(CredentialRevoked @event, EventContext context, CancellationToken cancellationToken)
    {
        var talentId = EventFields.Required(@event.TalentId, "talent_id");
        var decision = new CredentialRecord(EventFields.Required(@event.CredentialId, "credential_id"), CredentialState.Revoked,
            EventFields.OccurredAt(@event.OccurredAt, context), @event.Fraud, new Dictionary<string, FactValue>(), null);
        return reevaluation.ApplyAsync(talentId, talent => talent.WithCredential(decision), EvaluationTrigger.CredentialRevoked, context);
    }
}

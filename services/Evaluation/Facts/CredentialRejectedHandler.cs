using TalentMesh.Contracts.Events.V1;
using TalentMesh.EventBus.Handling;
using TalentMesh.Evaluation.Scores;

namespace TalentMesh.Evaluation.Facts;

/// <summary>
/// credential.rejected: usually the credential never counted and nothing changes; a rejection newer than a
/// (reordered) verification withdraws what that verification added.
/// </summary>
public sealed class CredentialRejectedHandler(TalentReevaluation reevaluation) : IIntegrationEventHandler<CredentialRejected>
{
    public Task HandleAsync(CredentialRejected @event, EventContext context, CancellationToken cancellationToken)
    {
        var talentId = EventFields.Required(@event.TalentId, "talent_id");
        var decision = new CredentialRecord(EventFields.Required(@event.CredentialId, "credential_id"), CredentialState.Rejected,
            EventFields.OccurredAt(@event.OccurredAt, context), false, new Dictionary<string, FactValue>(), null);
        return reevaluation.ApplyAsync(talentId, talent => talent.WithCredential(decision), EvaluationTrigger.CredentialRejected, context);
    }
}

using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Events.V1;
using TalentMesh.EventBus.Handling;
using TalentMesh.Evaluation.Scores;

namespace TalentMesh.Evaluation.Facts;

/// <summary>talent.registered starts the talent's facts: birth date (age) and a foreigner's document (returnee_or_foreign).</summary>
public sealed class TalentRegisteredHandler(TalentReevaluation reevaluation) : IIntegrationEventHandler<TalentRegistered>
{
    public Task HandleAsync(TalentRegistered @event, EventContext context, CancellationToken cancellationToken)
    {
        var talentId = EventFields.Required(@event.TalentId, "talent_id");
        var registration = new RegistrationRecord(
            CredentialFactMapping.Date(@event.BirthDate),
            @event.IdentityDocumentType is IdentityDocumentType.Passport or IdentityDocumentType.ForeignPermanentResidence,
            EventFields.OccurredAt(@event.OccurredAt, context));
        return reevaluation.ApplyAsync(talentId, facts => facts.WithRegistration(registration), EvaluationTrigger.Registration, context);
    }
}

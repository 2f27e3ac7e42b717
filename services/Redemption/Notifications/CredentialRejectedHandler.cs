using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Events.V1;
using TalentMesh.EventBus.Handling;
using TalentMesh.Redemption.Access;

namespace TalentMesh.Redemption.Notifications;

/// <summary>
/// Tells the applicant that HR rejected a credential and why (the contract's credential.rejected consumer): one
/// notification per event, committed with the inbox marker so a redelivery adds none.
/// </summary>
public sealed class CredentialRejectedHandler(NotificationStore notifications, TimeProvider time) : IIntegrationEventHandler<CredentialRejected>
{
    public async Task HandleAsync(CredentialRejected @event, EventContext context, CancellationToken cancellationToken)
    {
        if (!RedisKeys.IsSafeId(@event.TalentId))
            throw new PoisonEventException($"credential.rejected {context.EventId} has no valid talent id.");
        var unit = context.BeginUnitOfWork();
        notifications.Add(unit, @event.TalentId, NotificationKind.CredentialRejected, "A credential was not accepted",
            $"HR did not accept your {@event.CredentialType} credential: {@event.Reason}", "", "", time.GetUtcNow());
        await EventContext.CommitAsync(unit);
    }
}

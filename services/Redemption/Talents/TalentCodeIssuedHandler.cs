using TalentMesh.Contracts.Events.V1;
using TalentMesh.EventBus.Handling;
using TalentMesh.Redemption.Access;

namespace TalentMesh.Redemption.Talents;

/// <summary>Records an issued talent code (unless that serial's revocation arrived first: revoked is final).</summary>
public sealed class TalentCodeIssuedHandler(TalentStore talents) : IIntegrationEventHandler<TalentCodeIssued>
{
    public async Task HandleAsync(TalentCodeIssued @event, EventContext context, CancellationToken cancellationToken)
    {
        if (!RedisKeys.IsSafeId(@event.TalentId) || !RedisKeys.IsSafeId(@event.CodeSerial))
            throw new PoisonEventException($"talent-code.issued {context.EventId} has no valid talent id or serial.");
        var codes = await talents.LoadCodesAsync(@event.TalentId, cancellationToken);
        if (codes.ContainsKey(@event.CodeSerial))
            return;
        var unit = context.BeginUnitOfWork();
        talents.WriteCode(unit, @event.TalentId, @event.CodeSerial, TalentStore.Issued, null);
        await EventContext.CommitAsync(unit);
    }
}

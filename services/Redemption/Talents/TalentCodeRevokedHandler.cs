using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Events.V1;
using TalentMesh.EventBus.Handling;
using TalentMesh.Redemption.Access;
using TalentMesh.Redemption.Notifications;
using TalentMesh.Redemption.Policies;

namespace TalentMesh.Redemption.Talents;

/// <summary>
/// Records a revoked code. When the talent is left without an active code (and the code was not merely superseded by
/// a new one), the talent is told and their live redemptions are suspended, in the same commit.
/// </summary>
public sealed class TalentCodeRevokedHandler(TalentStore talents, PolicyStore policies, Suspensions suspensions,
    NotificationStore notifications, TimeProvider time) : IIntegrationEventHandler<TalentCodeRevoked>
{
    public async Task HandleAsync(TalentCodeRevoked @event, EventContext context, CancellationToken cancellationToken)
    {
        if (!RedisKeys.IsSafeId(@event.TalentId) || !RedisKeys.IsSafeId(@event.CodeSerial) || !Enum.IsDefined(@event.Reason))
            throw new PoisonEventException($"talent-code.revoked {context.EventId} has no valid talent id, serial or reason.");
        var codes = await talents.LoadCodesAsync(@event.TalentId, cancellationToken);
        codes.TryGetValue(@event.CodeSerial, out var current);
        if (current == TalentStore.Revoked)
            return;
        var unit = context.BeginUnitOfWork();
        talents.WriteCode(unit, @event.TalentId, @event.CodeSerial, TalentStore.Revoked, current);
        var updated = codes.ToDictionary(c => c.Key, c => c.Value);
        updated[@event.CodeSerial] = TalentStore.Revoked;
        var now = time.GetUtcNow();
        if (@event.Reason != TalentCodeRevocationReason.Superseded && TalentStore.CodeStateOf(updated) == CodeState.Revoked)
        {
            notifications.Add(unit, @event.TalentId, NotificationKind.TalentCodeRevoked, "Your talent code was revoked",
                $"Reason: {@event.Reason}. Benefits in progress are on hold for review.", "", "", now);
            var loadingProfile = talents.LoadAsync(@event.TalentId, cancellationToken);
            var loadingPolicies = policies.PublishedAsync(cancellationToken);
            var loadingCandidates = suspensions.CandidatesAsync(@event.TalentId, cancellationToken);
            await Task.WhenAll(loadingProfile, loadingPolicies, loadingCandidates);
            await suspensions.AddAsync(unit, await loadingProfile, await loadingPolicies, await loadingCandidates, "talent code revoked", now, cancellationToken);
        }
        await EventContext.CommitAsync(unit);
    }
}

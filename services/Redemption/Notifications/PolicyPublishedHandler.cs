using TalentMesh.Contracts.Events.V1;
using TalentMesh.EventBus.Handling;
using TalentMesh.Redemption.Access;

namespace TalentMesh.Redemption.Notifications;

/// <summary>Starts the background match of a newly published policy against every talent (the handler returns at once).</summary>
public sealed class PolicyPublishedHandler(MatchJobs jobs, TimeProvider time) : IIntegrationEventHandler<PolicyPublished>
{
    public async Task HandleAsync(PolicyPublished @event, EventContext context, CancellationToken cancellationToken)
    {
        if (!RedisKeys.IsSafeId(@event.PolicyId))
            throw new PoisonEventException($"policy.published {context.EventId} has no valid policy id.");
        if (await jobs.CursorAsync(@event.PolicyId, cancellationToken) is not null)
            return;
        var unit = context.BeginUnitOfWork();
        jobs.Begin(unit, @event.PolicyId, time.GetUtcNow());
        if (await unit.CommitAsync() == EventBus.Outbox.CommitOutcome.Committed)
            jobs.Wake();
    }
}

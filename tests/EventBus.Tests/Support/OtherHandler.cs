using TalentMesh.EventBus.Handling;
using TalentMesh.EventBus.Tests.Protos;
using TalentMesh.ServiceDefaults.Redis;

namespace TalentMesh.EventBus.Tests.Support;

/// <summary>Adds the event's value to the same per-key totals as <see cref="SampleHandler"/>, from a second topic.</summary>
public sealed class OtherHandler(RedisKeyspace keyspace) : IIntegrationEventHandler<OtherHappened>
{
    public async Task HandleAsync(OtherHappened @event, EventContext context, CancellationToken cancellationToken)
    {
        var unitOfWork = context.BeginUnitOfWork();
        unitOfWork.Increment(keyspace.Key("total", @event.Key), @event.Value);
        await EventContext.CommitAsync(unitOfWork);
    }
}

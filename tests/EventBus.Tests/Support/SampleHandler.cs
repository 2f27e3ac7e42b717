using TalentMesh.EventBus.Handling;
using TalentMesh.EventBus.Tests.Protos;
using TalentMesh.ServiceDefaults.Redis;

namespace TalentMesh.EventBus.Tests.Support;

/// <summary>Adds the event's value to a per-key total: a non-idempotent effect, so double handling would show.</summary>
public sealed class SampleHandler(HandlerProbe probe, RedisKeyspace keyspace) : IIntegrationEventHandler<SampleHappened>
{
    public async Task HandleAsync(SampleHappened @event, EventContext context, CancellationToken cancellationToken)
    {
        probe.Invocations.Enqueue((context.EventId, @event.Key, context.DeliveryAttempt));
        probe.Entered.TrySetResult();
        if (probe.FailingKeys.Contains(@event.Key))
            throw new InvalidOperationException($"Simulated transient failure for {@event.Key}");
        if (probe.IsGated(@event.Key))
        {
            try
            {
                await probe.Gate!.Task.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                probe.Cancelled.TrySetResult();
                throw;
            }
        }
        var unitOfWork = context.BeginUnitOfWork();
        unitOfWork.Increment(keyspace.Key("total", @event.Key), @event.Value);
        await EventContext.CommitAsync(unitOfWork);
    }
}

using Google.Protobuf;

namespace TalentMesh.EventBus.Handling;

/// <summary>
/// Handles one integration event type. Delivery is at-least-once: commit the effect through
/// <see cref="EventContext.BeginUnitOfWork"/> so a redelivery changes nothing twice. Events of a batch are
/// handled concurrently, so a handler must not assume order between events (compare versions or times).
/// </summary>
public interface IIntegrationEventHandler<in TEvent> where TEvent : IMessage<TEvent>
{
    Task HandleAsync(TEvent @event, EventContext context, CancellationToken cancellationToken);
}

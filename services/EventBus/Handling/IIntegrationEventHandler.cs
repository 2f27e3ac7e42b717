using Google.Protobuf;

namespace TalentMesh.EventBus.Handling;

/// <summary>
/// Handles one integration event type. Delivery is at-least-once: commit the effect through
/// <see cref="EventContext.BeginUnitOfWork"/> so a redelivery changes nothing twice. Events of a batch are
/// handled concurrently, so a handler must not assume order between events (compare versions or times).
/// The bus promises each effect once, not one run per event: a handler may run again for an event whose commit
/// already landed, and that commit then changes nothing. The cancellation token fires when the processing timeout
/// runs out (the event is then redelivered) or the app stops.
/// </summary>
public interface IIntegrationEventHandler<in TEvent> where TEvent : IMessage<TEvent>
{
    Task HandleAsync(TEvent @event, EventContext context, CancellationToken cancellationToken);
}

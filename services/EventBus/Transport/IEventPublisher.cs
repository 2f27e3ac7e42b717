using TalentMesh.EventBus.Outbox;

namespace TalentMesh.EventBus.Transport;

/// <summary>Hands one outbox entry to the broker; returns only once the broker has accepted it.</summary>
public interface IEventPublisher
{
    Task PublishAsync(OutboxEntry entry, CancellationToken cancellationToken);
}

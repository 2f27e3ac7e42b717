using TalentMesh.EventBus.Outbox;

namespace TalentMesh.EventBus.Transport;

/// <summary>Hands outbox entries to the broker.</summary>
public interface IEventPublisher
{
    /// <summary>
    /// Starts publishing a batch and returns one task per entry, in order; each completes once the broker accepted
    /// that entry, or faults. Batching lets a transport write the whole batch in one go.
    /// </summary>
    Task[] Publish(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken);
}

using TalentMesh.EventBus.Outbox;

namespace TalentMesh.EventBus.Handling;

/// <summary>What a handler knows about the event it handles, and how it commits its effect exactly once.</summary>
public sealed class EventContext(IncomingEvent incoming, EventUnitOfWorkFactory unitOfWorkFactory)
{
    public string EventId => incoming.Id;
    public string Topic => incoming.Topic;
    public string Source => incoming.Source;
    /// <summary>
    /// The CloudEvent time: the commit under the redis transport, but the publish under dapr (daprd stamps it). The
    /// event's own time is its payload's <c>occurred_at</c>; use that for domain decisions.
    /// </summary>
    public DateTimeOffset? Time => incoming.Time;

    /// <summary>1 on first delivery, higher when redelivered; 0 when the transport does not say (dapr).</summary>
    public int DeliveryAttempt => incoming.DeliveryAttempt;

    /// <summary>
    /// A unit of work whose commit also records this event as processed: a redelivered event finds the
    /// marker and changes nothing twice. Follow-up events published on it leave in the same commit.
    /// </summary>
    public EventUnitOfWork BeginUnitOfWork() => unitOfWorkFactory.BeginForEvent(incoming.Id);

    /// <summary>Commits, treating "already processed" as done and a lost optimistic race as a retry (in process first, see <see cref="ConcurrencyConflictException"/>).</summary>
    public static async Task<bool> CommitAsync(EventUnitOfWork unitOfWork)
    {
        var outcome = await unitOfWork.CommitAsync();
        if (outcome == CommitOutcome.Conflict)
            throw new ConcurrencyConflictException("The state changed while the event was handled.");
        return outcome == CommitOutcome.Committed;
    }
}

using System.Diagnostics;
using Google.Protobuf;
using StackExchange.Redis;
using TalentMesh.EventBus.Events;

namespace TalentMesh.EventBus.Outbox;

public enum CommitOutcome
{
    Committed,

    /// <summary>The inbox marker already existed: this event was handled before; nothing changed.</summary>
    AlreadyProcessed,

    /// <summary>Another condition failed (optimistic concurrency): nothing changed; re-read and try again.</summary>
    Conflict,
}

/// <summary>
/// One MULTI/EXEC holding a state change and the events it causes (and, in a handler, the inbox marker).
/// Queue writes on <see cref="Transaction"/> without awaiting them, call <see cref="Publish"/>, then commit:
/// either everything lands or nothing does, so an event is never published for a change that did not happen.
/// </summary>
public sealed class EventUnitOfWork
{
    private readonly ITransaction transaction;
    private readonly OutboxKeys keys;
    private readonly OutboxSignal signal;
    private readonly TimeProvider timeProvider;
    private readonly ConditionResult? inboxCondition;
    private int published;

    internal EventUnitOfWork(IDatabase database, OutboxKeys keys, OutboxSignal signal, TimeProvider timeProvider,
        string? inboxEventId, TimeSpan inboxRetention)
    {
        transaction = database.CreateTransaction();
        this.keys = keys;
        this.signal = signal;
        this.timeProvider = timeProvider;
        if (inboxEventId is not null)
        {
            var marker = keys.InboxMarker(inboxEventId);
            inboxCondition = transaction.AddCondition(Condition.KeyNotExists(marker));
            _ = transaction.StringSetAsync(marker, "1", inboxRetention);
        }
    }

    /// <summary>Queue the state change here; the returned tasks complete when the commit runs.</summary>
    public ITransaction Transaction => transaction;

    /// <summary>An optimistic-concurrency check: if it does not hold at commit, nothing is written (<see cref="CommitOutcome.Conflict"/>).</summary>
    public void AddCondition(Condition condition) => transaction.AddCondition(condition);

    /// <summary>Adds an event to the outbox as part of this unit of work, with the caller's trace context.</summary>
    public string Publish(IMessage @event)
    {
        var type = EventCatalog.For(@event);
        var activity = Activity.Current;
        var entry = new OutboxEntry(Guid.CreateVersion7().ToString(), type.Topic, type.CloudEventType,
            timeProvider.GetUtcNow(), JsonFormatter.Default.Format(@event), activity?.Id, activity?.TraceStateString);
        _ = transaction.StreamAddAsync(keys.OutboxStream, entry.ToStreamFields());
        published++;
        return entry.Id;
    }

    public async Task<CommitOutcome> CommitAsync()
    {
        if (await transaction.ExecuteAsync())
        {
            if (published > 0)
                signal.Notify();
            return CommitOutcome.Committed;
        }
        return inboxCondition is { WasSatisfied: false } ? CommitOutcome.AlreadyProcessed : CommitOutcome.Conflict;
    }
}

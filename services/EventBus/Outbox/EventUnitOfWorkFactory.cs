using Microsoft.Extensions.Options;
using TalentMesh.ServiceDefaults.Resilience;

namespace TalentMesh.EventBus.Outbox;

/// <summary>Starts units of work: plain ones for API calls, inbox-guarded ones for event handlers.</summary>
public sealed class EventUnitOfWorkFactory(GroupCommitter committer, OutboxKeys keys, OutboxEntryFactory entries,
    CommitPublisher publisher, RedisPipeline pipeline, IOptions<EventBusOptions> options)
{
    public EventUnitOfWork Begin() =>
        new(committer, keys, entries, publisher, pipeline, inboxEventId: null, options.Value.InboxRetention);

    /// <summary>A unit of work that commits only if <paramref name="eventId"/> was not processed before, and marks it processed.</summary>
    public EventUnitOfWork BeginForEvent(string eventId) =>
        new(committer, keys, entries, publisher, pipeline, eventId, options.Value.InboxRetention);
}

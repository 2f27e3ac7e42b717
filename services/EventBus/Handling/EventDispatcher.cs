using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using TalentMesh.EventBus.Diagnostics;
using TalentMesh.EventBus.Outbox;

namespace TalentMesh.EventBus.Handling;

/// <summary>
/// Transport-neutral delivery: parse, skip what the inbox has seen, run the handler in its own scope,
/// and classify the result. Both transports call this, so handler code never knows which one is in use.
/// </summary>
/// <remarks>
/// The inbox check here only saves a handler run: the handler's commit checks the marker again atomically, so a
/// duplicate that slips past (two copies racing in one batch) still changes nothing twice.
/// </remarks>
public sealed class EventDispatcher(
    IServiceScopeFactory scopes, SubscriptionRegistry registry, EventUnitOfWorkFactory unitsOfWork,
    IConnectionMultiplexer redis, OutboxKeys keys, EventBusMetrics metrics, ILogger<EventDispatcher> logger)
{
    /// <summary>Delivers one event, checking the inbox first (the dapr transport: one event per call).</summary>
    public async Task<DeliveryOutcome> DispatchAsync(IncomingEvent incoming, CancellationToken cancellationToken)
    {
        var seen = await SeenAsync([incoming]);
        return await DispatchAsync(incoming, seen[0], cancellationToken);
    }

    /// <summary>Which of <paramref name="events"/> the inbox has seen, in one MGET (the redis transport: per batch).</summary>
    public async Task<bool[]> SeenAsync(IReadOnlyList<IncomingEvent> events)
    {
        if (events.Count == 0)
            return [];
        var markers = new RedisKey[events.Count];
        for (var i = 0; i < markers.Length; i++)
            markers[i] = keys.InboxMarker(events[i].Id);
        var values = await redis.GetDatabase().StringGetAsync(markers);
        return Array.ConvertAll(values, value => !value.IsNull);
    }

    /// <summary>Delivers one event whose inbox check the caller already made.</summary>
    public async Task<DeliveryOutcome> DispatchAsync(IncomingEvent incoming, bool seen, CancellationToken cancellationToken)
    {
        using var activity = EventBusTelemetry.StartProcess(incoming);
        var outcome = await DispatchCoreAsync(incoming, seen, cancellationToken);
        activity?.SetTag("talentmesh.delivery.outcome", outcome.ToString());
        metrics.Delivered(incoming.Topic, outcome);
        return outcome;
    }

    private async Task<DeliveryOutcome> DispatchCoreAsync(IncomingEvent incoming, bool seen, CancellationToken cancellationToken)
    {
        if (registry.Find(incoming.Topic) is not { } subscription)
        {
            logger.LogWarning("Event {EventId} on {Topic} has no handler here; dropping it", incoming.Id, incoming.Topic);
            return DeliveryOutcome.Drop;
        }
        if (Parse(subscription, incoming) is not { } message)
            return DeliveryOutcome.Drop;
        if (seen)
        {
            metrics.Duplicate(incoming.Topic);
            return DeliveryOutcome.Success;
        }
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await subscription.InvokeAsync(scope.ServiceProvider, message, new EventContext(incoming, unitsOfWork), cancellationToken);
            return DeliveryOutcome.Success;
        }
        catch (PoisonEventException exception)
        {
            logger.LogWarning("Event {EventId} on {Topic} is poison: {Reason}", incoming.Id, incoming.Topic, exception.Message);
            return DeliveryOutcome.Drop;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(exception, "Event {EventId} on {Topic} failed on attempt {Attempt}; it will be redelivered",
                incoming.Id, incoming.Topic, incoming.DeliveryAttempt);
            return DeliveryOutcome.Retry;
        }
    }

    /// <summary>The event's data as its protobuf message, or null when it does not parse (poison).</summary>
    private IMessage? Parse(EventSubscription subscription, IncomingEvent incoming)
    {
        try
        {
            return subscription.EventType.ParseJson(incoming.DataJson);
        }
        catch (Exception exception) when (exception is InvalidProtocolBufferException or InvalidJsonException or FormatException)
        {
            logger.LogWarning("Event {EventId} on {Topic} has unparseable data ({Error})", incoming.Id, incoming.Topic, exception.Message);
            return null;
        }
    }
}

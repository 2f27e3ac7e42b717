using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using StackExchange.Redis;
using TalentMesh.EventBus.Diagnostics;
using TalentMesh.EventBus.Outbox;
using TalentMesh.ServiceDefaults.Concurrency;

namespace TalentMesh.EventBus.Handling;

/// <summary>
/// Transport-neutral delivery: parse, skip what the inbox has seen, run the handler in its own scope,
/// and classify the result. Both transports call this, so handler code never knows which one is in use.
/// </summary>
/// <remarks>
/// The inbox check here only saves a handler run: the handler's commit checks the marker again atomically, so a
/// duplicate that slips past (two copies racing in one batch) still changes nothing twice.
/// A handler whose commit lost an optimistic-concurrency race is run again at once, in process (see
/// <see cref="EventBusOptions.ConflictRetries"/>): a conflict commits nothing, inbox marker included, so a re-run on
/// freshly read state is safe, and the event lands in milliseconds instead of after the processing timeout.
/// </remarks>
public sealed class EventDispatcher(
    IServiceScopeFactory scopes, SubscriptionRegistry registry, EventUnitOfWorkFactory unitsOfWork,
    IConnectionMultiplexer redis, OutboxKeys keys, EventBusMetrics metrics, IOptions<EventBusOptions> options,
    TimeProvider timeProvider, ILogger<EventDispatcher> logger)
{
    private static readonly ResiliencePropertyKey<string> TopicProperty = new("talentmesh.events.topic");

    private readonly ResiliencePipeline conflictRetry = BuildConflictRetry(options.Value, timeProvider, metrics);

    private readonly OrderingLocks ordering = new();

    /// <summary>Delivers one event, checking the inbox first (the dapr transport: one event per call).</summary>
    public async Task<Delivery> DispatchAsync(IncomingEvent incoming, CancellationToken cancellationToken)
    {
        var seen = await SeenAsync([incoming]);
        return await DispatchAsync(incoming, seen[0], cancellationToken);
    }

    /// <summary>Which of <paramref name="events"/> the inbox has seen, in one MGET (the redis transport: per reclaimed batch).</summary>
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
    public async Task<Delivery> DispatchAsync(IncomingEvent incoming, bool seen, CancellationToken cancellationToken)
    {
        using var activity = EventBusTelemetry.StartProcess(incoming);
        var started = timeProvider.GetTimestamp();
        var delivery = await DispatchCoreAsync(incoming, seen, cancellationToken);
        activity?.SetTag("talentmesh.delivery.outcome", delivery.Outcome.ToString());
        metrics.Delivered(incoming.Topic, delivery.Outcome);
        metrics.Handled(incoming.Topic, delivery.Outcome, timeProvider.GetElapsedTime(started));
        if (delivery.Reason is { } reason)
            logger.LogWarning("Event {EventId} on {Topic} is dropped: {Reason}", incoming.Id, incoming.Topic, reason);
        return delivery;
    }

    private async Task<Delivery> DispatchCoreAsync(IncomingEvent incoming, bool seen, CancellationToken cancellationToken)
    {
        if (registry.Find(incoming.Topic) is not { } subscription)
            return Delivery.Drop($"no handler for topic {incoming.Topic} here");
        // A topic carries one event type; parsing another type's data into it would "succeed" into a default message.
        if (!subscription.EventType.Accepts(incoming.Type))
            return Delivery.Drop($"type {incoming.Type} is not {subscription.EventType.CloudEventType}, the type topic {incoming.Topic} carries");
        IMessage message;
        try
        {
            message = subscription.EventType.Parse(incoming);
        }
        catch (Exception exception) when (exception is InvalidProtocolBufferException or InvalidJsonException or FormatException)
        {
            return Delivery.Drop($"unparseable data ({exception.Message})");
        }
        if (seen)
        {
            metrics.Duplicate(incoming.Topic);
            return Delivery.Success;
        }
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(TopicProperty, incoming.Topic);
        try
        {
            // Per topic and key (see EventBusRegistration.AddEventHandler), held across conflict re-runs too.
            using var turn = subscription.OrderingKeyOf(message) is { } key
                ? await ordering.AcquireAsync(incoming.Topic + "\n" + key, cancellationToken)
                : null;
            await conflictRetry.ExecuteAsync(static async (context, run) =>
            {
                // A fresh scope (and handler) per run, so nothing read by the run that lost the race is reused.
                await using var scope = run.Scopes.CreateAsyncScope();
                await run.Subscription.InvokeAsync(scope.ServiceProvider, run.Message, new EventContext(run.Incoming, run.UnitsOfWork),
                    context.CancellationToken);
            }, context, new Run(scopes, subscription, message, incoming, unitsOfWork));
            return Delivery.Success;
        }
        catch (PoisonEventException exception)
        {
            return Delivery.Drop($"poison: {exception.Message}");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(exception, "Event {EventId} on {Topic} failed on attempt {Attempt}; it will be redelivered",
                incoming.Id, incoming.Topic, incoming.DeliveryAttempt);
            return Delivery.Retry;
        }
        catch (OperationCanceledException)
        {
            // The handler ran out of its processing time (or the app is stopping): deliver again later.
            logger.LogWarning("Event {EventId} on {Topic} was cancelled on attempt {Attempt}; it will be redelivered",
                incoming.Id, incoming.Topic, incoming.DeliveryAttempt);
            return Delivery.Retry;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static ResiliencePipeline BuildConflictRetry(EventBusOptions options, TimeProvider timeProvider, EventBusMetrics metrics) =>
        options.ConflictRetries == 0
            ? ResiliencePipeline.Empty
            : new ResiliencePipelineBuilder { TimeProvider = timeProvider }
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = new PredicateBuilder().Handle<ConcurrencyConflictException>(),
                    MaxRetryAttempts = options.ConflictRetries,
                    Delay = options.ConflictRetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true, // racers that lost together must not retry together
                    // The first re-run goes at once: the race's winner has committed, so the state read again is newer
                    // (and a clock that only tests move cannot hold it back); later ones back off.
                    DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(args.AttemptNumber == 0 ? TimeSpan.Zero : null),
                    OnRetry = args =>
                    {
                        metrics.ConflictRetried(args.Context.Properties.GetValue(TopicProperty, ""));
                        return ValueTask.CompletedTask;
                    },
                })
                .Build();

    /// <summary>One lock per topic and ordering key while events of it are under way.</summary>
    private sealed class OrderingLocks : KeyedLocks;

    private readonly record struct Run(IServiceScopeFactory Scopes, EventSubscription Subscription, IMessage Message,
        IncomingEvent Incoming, EventUnitOfWorkFactory UnitsOfWork);
}

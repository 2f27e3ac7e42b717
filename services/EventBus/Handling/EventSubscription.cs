using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using TalentMesh.EventBus.Events;

namespace TalentMesh.EventBus.Handling;

/// <summary>A topic this service consumes and how to invoke its handler; one per registered handler.</summary>
public sealed class EventSubscription(EventType eventType, Func<IServiceProvider, IMessage, EventContext, CancellationToken, Task> invoke,
    Func<IMessage, string>? orderingKey = null)
{
    public EventType EventType { get; } = eventType;

    public string Topic => EventType.Topic;

    /// <summary>The key whose events this process handles one at a time, or null when the handler runs them side by side.</summary>
    public string? OrderingKeyOf(IMessage message) => orderingKey?.Invoke(message);

    public Task InvokeAsync(IServiceProvider services, IMessage message, EventContext context, CancellationToken cancellationToken) =>
        invoke(services, message, context, cancellationToken);

    public static EventSubscription For<TEvent, THandler>(Func<TEvent, string>? orderedBy = null)
        where TEvent : IMessage<TEvent>, new()
        where THandler : IIntegrationEventHandler<TEvent> =>
        new(EventCatalog.For<TEvent>(), (services, message, context, ct) =>
            services.GetRequiredService<THandler>().HandleAsync((TEvent)message, context, ct),
            orderedBy is null ? null : message => orderedBy((TEvent)message));
}

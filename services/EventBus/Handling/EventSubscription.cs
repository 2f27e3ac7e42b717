using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using TalentMesh.EventBus.Events;

namespace TalentMesh.EventBus.Handling;

/// <summary>A topic this service consumes and how to invoke its handler; one per registered handler.</summary>
public sealed class EventSubscription(EventType eventType, Func<IServiceProvider, IMessage, EventContext, CancellationToken, Task> invoke)
{
    public EventType EventType { get; } = eventType;

    public string Topic => EventType.Topic;

    public Task InvokeAsync(IServiceProvider services, IMessage message, EventContext context, CancellationToken cancellationToken) =>
        invoke(services, message, context, cancellationToken);

    public static EventSubscription For<TEvent, THandler>()
        where TEvent : IMessage<TEvent>, new()
        where THandler : IIntegrationEventHandler<TEvent> =>
        new(EventCatalog.For<TEvent>(), (services, message, context, ct) =>
            services.GetRequiredService<THandler>().HandleAsync((TEvent)message, context, ct));
}

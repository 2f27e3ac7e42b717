using Dapr.Client;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TalentMesh.EventBus.Diagnostics;
using TalentMesh.EventBus.Handling;
using TalentMesh.EventBus.Outbox;
using TalentMesh.EventBus.Transport;
using TalentMesh.EventBus.Transport.Dapr;
using TalentMesh.EventBus.Transport.Redis;
using TalentMesh.ServiceDefaults.Hosting;
using TalentMesh.ServiceDefaults.Resilience;

namespace TalentMesh.EventBus;

public static class EventBusRegistration
{
    /// <summary>
    /// Units of work, inbox and the transport chosen by EventBus:Transport. The outbox relay runs under both transports:
    /// under dapr it publishes every event; under redis (events publish at commit) it only drains an outbox an older
    /// version left, polling every <see cref="EventBusOptions.RelayPollInterval"/>.
    /// </summary>
    public static IHostApplicationBuilder AddEventBus(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddRedisResilience(); // requests' commits go through the "redis" pipeline
        services.AddValidatedOptions<EventBusOptions>(builder.Configuration, EventBusOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<EventBusMetrics>();
        services.AddSingleton<OutboxKeys>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<CommitPublisher>();
        services.AddSingleton<OutboxEntryFactory>();
        services.AddSingleton<GroupCommitter>();
        services.AddSingleton<EventUnitOfWorkFactory>();
        services.AddSingleton<TopicNames>();
        services.AddSingleton<SubscriptionRegistry>();
        services.AddSingleton<EventDispatcher>();
        services.AddSingleton<StreamLoop>();
        services.AddSingleton<DeadLetterReplayer>();
        services.AddHostedService<OutboxRelay>();

        var transport = builder.Configuration.GetSection(EventBusOptions.Section).Get<EventBusOptions>()?.Transport ?? EventTransportKind.Redis;
        if (transport == EventTransportKind.Dapr)
            AddDaprTransport(services);
        else
            AddRedisTransport(services);
        return builder;
    }

    /// <summary>
    /// Subscribes <typeparamref name="THandler"/> to the topic of <typeparamref name="TEvent"/>. With
    /// <paramref name="orderedBy"/>, this process handles the events of one key (say, one talent) one at a time, in the
    /// order they start: events of one key that arrive close together would otherwise be handled side by side and lose
    /// optimistic races against each other — each loser an exception, a re-read and a re-run. Correctness never rests on
    /// it (the handler's commit checks what it read); it saves the lost races.
    /// </summary>
    public static IServiceCollection AddEventHandler<TEvent, THandler>(this IServiceCollection services, Func<TEvent, string>? orderedBy = null)
        where TEvent : IMessage<TEvent>, new()
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        // Transient in the per-event scope: a fresh handler per event, without the scoped-instance cache (and its lock).
        services.AddTransient<THandler>();
        services.AddSingleton(EventSubscription.For<TEvent, THandler>(orderedBy));
        return services;
    }

    /// <summary>
    /// Under the dapr transport, serves Dapr's AppCallback on the gRPC port for the sidecar. It takes no user token; when
    /// APP_API_TOKEN is configured every call must carry it as daprd's dapr-api-token header (<see cref="AppApiToken"/>).
    /// </summary>
    public static WebApplication MapEventBus(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<EventBusOptions>>().Value.Transport != EventTransportKind.Dapr)
            return app;
        app.MapGrpcService<DaprAppCallbackService>().AllowAnonymous();
        if (!app.Services.GetRequiredService<AppApiToken>().IsConfigured)
            app.Logger.LogWarning("{Variable} is not set: the AppCallback service accepts events from anyone who reaches the gRPC port",
                AppApiToken.EnvironmentVariable);
        return app;
    }

    private static void AddRedisTransport(IServiceCollection services)
    {
        services.AddSingleton<IEventPublisher, RedisStreamsPublisher>();
        services.AddSingleton<RedisEntryProcessor>();
        services.AddHostedService<RedisStreamsConsumer>();
    }

    private static void AddDaprTransport(IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var endpoint = sp.GetRequiredService<IOptions<EventBusOptions>>().Value.DaprGrpcEndpoint;
            var builder = new DaprClientBuilder();
            if (!string.IsNullOrWhiteSpace(endpoint))
                builder.UseGrpcEndpoint(endpoint);
            return builder.Build();
        });
        services.AddSingleton<IEventPublisher, DaprSidecarPublisher>();
        services.AddSingleton<AppApiToken>();
    }
}

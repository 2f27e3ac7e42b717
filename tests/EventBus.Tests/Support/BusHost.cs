using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TalentMesh.EventBus.Outbox;
using TalentMesh.EventBus.Tests.Protos;
using TalentMesh.ServiceDefaults.Redis;

namespace TalentMesh.EventBus.Tests.Support;

/// <summary>A real host running the event bus against the fixture's redis-server (its own multiplexer and loops).</summary>
public sealed class BusHost(IHost host) : IAsyncDisposable
{
    public IServiceProvider Services => host.Services;

    public EventUnitOfWorkFactory UnitsOfWork => Services.GetRequiredService<EventUnitOfWorkFactory>();

    public static async Task<BusHost> StartAsync(BusHostSettings settings, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(settings.ToConfiguration());
        builder.AddRedis();
        builder.AddEventBus();
        if (settings.WithSampleHandler)
            builder.Services.AddEventHandler<SampleHappened, SampleHandler>();
        if (settings.WithOtherHandler)
            builder.Services.AddEventHandler<OtherHappened, OtherHandler>();
        builder.Services.AddSingleton(settings.Probe);
        configure?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new BusHost(host);
    }

    /// <summary>Leaves the outbox relay out of the host: whatever reaches a topic stream then got there in the commit itself.</summary>
    public static void WithoutRelay(IServiceCollection services) =>
        services.Remove(services.Single(service => service.ServiceType == typeof(IHostedService) && service.ImplementationType == typeof(OutboxRelay)));

    /// <summary>Publishes exactly as a service would: state change + event in one commit.</summary>
    public async Task PublishAsync(SampleHappened @event)
    {
        var unitOfWork = UnitsOfWork.Begin();
        unitOfWork.Set(Services.GetRequiredService<RedisKeyspace>().Key("last", @event.Key), @event.Value);
        unitOfWork.Publish(@event);
        if (await unitOfWork.CommitAsync() != CommitOutcome.Committed)
            throw new InvalidOperationException("Commit failed.");
    }

    /// <summary>Stops the host without letting in-flight work finish, as close to a crash as a test host gets.</summary>
    public async Task KillAsync()
    {
        using var immediately = new CancellationTokenSource();
        await immediately.CancelAsync();
        try { await host.StopAsync(immediately.Token); }
        catch (OperationCanceledException) { }
        host.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using TalentMesh.EventBus.Benchmarks.Protos;
using TalentMesh.EventBus.Outbox;
using TalentMesh.ServiceDefaults.Redis;

namespace TalentMesh.EventBus.Benchmarks;

/// <summary>A real generic host running the event bus (its own multiplexer, relay and consumer loops), as a service runs it.</summary>
public sealed class BenchHost(IHost host) : IAsyncDisposable
{
    /// <summary>Short enough that an external Redis sheds the benchmark's inbox markers soon after.</summary>
    public static readonly TimeSpan InboxRetention = TimeSpan.FromMinutes(10);

    private readonly EventUnitOfWorkFactory unitsOfWork = host.Services.GetRequiredService<EventUnitOfWorkFactory>();
    private readonly RedisKeyspace keyspace = host.Services.GetRequiredService<RedisKeyspace>();

    public static async Task<BenchHost> StartAsync(string redisConnection, string appId, string keyPrefix, string topicPrefix,
        long maxLenApprox, IReadOnlyDictionary<string, string> busOptions, DeliveryRecorder? handlerRecorder)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);
        var configuration = new Dictionary<string, string?>
        {
            ["ConnectionStrings:redis"] = redisConnection,
            ["Service:Name"] = appId,
            ["Redis:KeyPrefix"] = keyPrefix,
            ["EventBus:Transport"] = "Redis",
            ["EventBus:AppId"] = appId,
            ["EventBus:TopicPrefix"] = topicPrefix,
            ["EventBus:MaxLenApprox"] = maxLenApprox.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["EventBus:InboxRetention"] = InboxRetention.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (name, value) in busOptions)
            configuration[$"EventBus:{name}"] = value;
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.AddRedis();
        builder.AddEventBus();
        if (handlerRecorder is not null)
        {
            builder.Services.AddSingleton(handlerRecorder);
            builder.Services.AddEventHandler<BenchmarkHappened, BenchmarkHandler>();
        }
        var host = builder.Build();
        await host.StartAsync();
        return new BenchHost(host);
    }

    public RedisKey Key(string name) => keyspace.Key(name);

    /// <summary>What an API call does: a small state write and one event, committed atomically (the event onto its topic stream).</summary>
    public Task CommitAsync(BenchmarkHappened @event, RedisKey stateKey) => ClosedLoopProducer.CommitAsync(unitsOfWork, @event, stateKey);

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await host.StopAsync(stop.Token);
        host.Dispose();
    }
}

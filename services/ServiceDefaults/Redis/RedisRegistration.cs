using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TalentMesh.ServiceDefaults.Concurrency;
using TalentMesh.ServiceDefaults.Hosting;
using TalentMesh.ServiceDefaults.Resilience;

namespace TalentMesh.ServiceDefaults.Redis;

public static class RedisRegistration
{
    public const string ConnectionName = "redis";

    /// <summary>The shared connection, the keyspace, and the "redis" pipeline every call a request waits on goes through (reads through <see cref="RedisReader"/>).</summary>
    public static IHostApplicationBuilder AddRedis(this IHostApplicationBuilder builder)
    {
        builder.AddRedisResilience();
        builder.Services.AddValidatedOptions<RedisOptions>(builder.Configuration, RedisOptions.Section);
        builder.Services.AddSingleton(_ => new RedisConnectionFactory(
            builder.Configuration.GetConnectionString(ConnectionName)
            ?? throw new OptionsValidationException(ConnectionName, typeof(RedisOptions),
                [$"ConnectionStrings:{ConnectionName} is required (e.g. 127.0.0.1:6379)."])));
        builder.Services.AddSingleton<IConnectionMultiplexer>(sp =>
        {
            var factory = sp.GetRequiredService<RedisConnectionFactory>();
            var options = factory.CreateOptions();
            options.ClientName = sp.GetRequiredService<IOptions<ServiceOptions>>().Value.Name;
            factory.AgreeWith(options, sp.GetRequiredService<IOptions<RedisResilienceOptions>>().Value);
            return ConnectionMultiplexer.Connect(options);
        });
        // Decides whether a timed-out call counts toward the breaker (RedisLiveness): Redis's own answers, not the wait.
        builder.Services.AddSingleton(sp => new RedisLiveness(sp.GetRequiredService<IOptions<RedisResilienceOptions>>().Value.LivenessMisses));
        builder.Services.AddHostedService<RedisLivenessProbe>();
        builder.Services.AddSingleton(sp => new RedisKeyspace(sp.GetRequiredService<IOptions<RedisOptions>>().Value.KeyPrefix));
        builder.Services.AddSingleton<RedisReader>();
        return builder;
    }

    /// <summary>
    /// The service's <see cref="WatchSignal"/> (its streams' wake-ups), joined to its other replicas through
    /// <see cref="WatchRelay"/>: a commit on any replica wakes the watchers on all of them.
    /// </summary>
    public static IServiceCollection AddWatchSignal(this IServiceCollection services)
    {
        services.AddSingleton<WatchRelay>();
        services.AddSingleton(sp => new WatchSignal(sp.GetRequiredService<WatchRelay>().Tell));
        services.AddHostedService<WatchRelayListener>();
        return services;
    }
}

using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using TalentMesh.ServiceDefaults.Concurrency;
using TalentMesh.ServiceDefaults.Redis;
using TalentMesh.Testing;

namespace TalentMesh.ServiceDefaults.Tests;

/// <summary>Watch wake-ups between replicas: each replica here is its own Redis connection, relay and signal.</summary>
public sealed class WatchRelayTests(RedisServerFixture redis)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Wake_OnOneReplica_WakesTheKeysWatchersOnEveryReplicaOfTheService_Only()
    {
        var (prefix, otherServicePrefix) = (TestKeys.Prefix(), TestKeys.Prefix());
        await using var one = await Replica.StartAsync(redis.ConnectionString, prefix);
        await using var other = await Replica.StartAsync(redis.ConnectionString, prefix);
        await using var otherService = await Replica.StartAsync(redis.ConnectionString, otherServicePrefix);
        await using var otherServiceToo = await Replica.StartAsync(redis.ConnectionString, otherServicePrefix);
        using var here = one.Signal.Open("t1");
        using var there = other.Signal.Open("t1");
        using var sameIdElsewhere = otherService.Signal.Open("t1");
        var (hereWoken, thereWoken, elsewhereWoken) = (here.Value.Next(), there.Value.Next(), sameIdElsewhere.Value.Next());

        one.Signal.Wake("t1");

        await hereWoken.WaitAsync(Wait, TestContext.Current.CancellationToken);
        await thereWoken.WaitAsync(Wait, TestContext.Current.CancellationToken);
        // The same talent id in another service's keyspace is another channel. Redis delivered t1 before it took t9,
        // so a replica of the other service that hears t9 would have heard t1 first had it crossed.
        otherServiceToo.Signal.Wake("t9");
        await Eventually.TrueAsync(() => otherService.Heard.Contains("t9"), Wait, "the other service's replica hears its own service");
        Assert.Equal(["t9"], otherService.Heard);
        Assert.False(elsewhereWoken.IsCompleted);
    }

    [Fact]
    public async Task Tell_ReachesTheOtherReplicas_AndNotTheSender()
    {
        var prefix = TestKeys.Prefix();
        await using var one = await Replica.StartAsync(redis.ConnectionString, prefix);
        await using var other = await Replica.StartAsync(redis.ConnectionString, prefix);

        one.Relay.Tell("k1");
        await Eventually.TrueAsync(() => other.Heard.Contains("k1"), Wait, "the other replica hears k1");
        other.Relay.Tell("k2");
        await Eventually.TrueAsync(() => one.Heard.Contains("k2"), Wait, "the first replica hears k2");

        // Redis sent k1 to every subscriber before it took k2, and one connection reads in order: had the sender not
        // dropped its own k1, it would have heard it before k2.
        Assert.Equal(["k2"], one.Heard);
        Assert.Equal(["k1"], other.Heard);
    }

    [Fact]
    public async Task ListeningWhileRedisIsDown_SubscribesOnceRedisIsBack_AndAfterARestart()
    {
        // A private redis-server: this test stops it.
        await using var server = await RedisServer.StartNewAsync();
        var prefix = TestKeys.Prefix();
        await server.StopAsync();
        await using var late = await Replica.StartAsync(server.ConnectionString, prefix, redisIsUp: false);
        await server.StartAsync();
        await using var teller = await Replica.StartAsync(server.ConnectionString, prefix);

        await HearsAsync(teller, late, "after-start", "a replica started while Redis was down hears wake-ups once it is back");

        await server.StopAsync();
        await server.StartAsync();
        await HearsAsync(teller, late, "after-restart", "the subscription is made again after Redis restarts");
    }

    /// <summary>Tells until heard: until the listener's connection has subscribed again, a wake-up is lost (as designed).</summary>
    private static Task HearsAsync(Replica teller, Replica listener, string key, string because) =>
        Eventually.TrueAsync(() =>
        {
            teller.Relay.Tell(key);
            return listener.Heard.Contains(key);
        }, TimeSpan.FromSeconds(30), because);

    /// <summary>One replica of a service: its own connection, the relay and the signal, listening as the host does.</summary>
    private sealed class Replica(ConnectionMultiplexer connection, WatchRelay relay, WatchSignal signal) : IAsyncDisposable
    {
        private static readonly IMeterFactory Meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

        public WatchRelay Relay { get; } = relay;

        public WatchSignal Signal { get; } = signal;

        /// <summary>The keys this replica heard from the others, in order.</summary>
        public ConcurrentQueue<string> Heard { get; } = new();

        /// <summary>
        /// Starts a replica; with <paramref name="redisIsUp"/> it returns once Redis counts its subscription, as a host
        /// is listening once its connection is up. <see cref="WatchRelay.ListenAsync"/> can throw even with Redis up:
        /// on a loaded machine the connection's subscription socket may not be connected yet when it returns, and then
        /// the connection subscribes as that socket connects (what the host's WatchRelayListener relies on).
        /// </summary>
        public static async Task<Replica> StartAsync(string connectionString, string prefix, bool redisIsUp = true)
        {
            var keyspace = new RedisKeyspace(prefix);
            var channel = keyspace.Channel(WatchRelay.ChannelName);
            // A connection of its own that waits until it is connected, for PUBSUB NUMSUB. Replicas of one test start
            // one after another, and each test has its own prefix: one more subscriber than before is this replica.
            await using var admin = redisIsUp ? await ConnectionMultiplexer.ConnectAsync(connectionString) : null;
            var subscribersBefore = admin is null ? 0 : await SubscribersAsync(admin, channel);
            // Connected as a service connects: it starts while Redis is down and fails commands fast until it is back.
            var connection = await ConnectionMultiplexer.ConnectAsync(new RedisConnectionFactory(connectionString).CreateOptions());
            var relay = new WatchRelay(connection, keyspace, Meters);
            var signal = new WatchSignal(relay.Tell);
            var replica = new Replica(connection, relay, signal);
            try
            {
                await relay.ListenAsync(key =>
                {
                    replica.Heard.Enqueue(key);
                    signal.WakeHere(key);
                });
            }
            catch (RedisException)
            {
                // The subscription is recorded in the connection and made when it (re)connects; see the summary.
            }
            if (admin is not null)
                await Eventually.TrueAsync(async () => await SubscribersAsync(admin, channel) > subscribersBefore, Wait,
                    "Redis never counted the replica's subscription");
            return replica;
        }

        private static Task<long> SubscribersAsync(ConnectionMultiplexer admin, RedisChannel channel) =>
            admin.GetServers()[0].SubscriptionSubscriberCountAsync(channel);

        public async ValueTask DisposeAsync() => await connection.DisposeAsync();
    }
}

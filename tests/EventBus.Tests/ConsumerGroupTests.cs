using StackExchange.Redis;
using TalentMesh.EventBus.Tests.Support;
using TalentMesh.Testing;

namespace TalentMesh.EventBus.Tests;

/// <summary>The redis transport never shares daprd's consumer group, names its consumers stably and removes idle ones.</summary>
public sealed class ConsumerGroupTests(RedisServerFixture redis) : BusTestBase(redis)
{
    /// <summary>daprd's pubsub.redis: group = consumer name = consumerID, "{appID}" in k8s/base/dapr/pubsub.yaml.</summary>
    private const string DaprdGroup = "consumer";

    [Fact]
    public async Task RedisTransport_EntryPendingInDaprdsGroup_IsLeftToDaprd()
    {
        var prefix = TopicPrefix();
        var topic = SampleTopic(prefix);
        await Database.StreamCreateConsumerGroupAsync(topic, DaprdGroup, "0", createStream: true);
        await Database.StreamAddAsync(topic, "data", DaprShapedEntries.Sample("shared-1", topic, key: "shared", value: 2));
        await Database.StreamReadGroupAsync(topic, DaprdGroup, DaprdGroup, StreamPosition.NewMessages, 10); // daprd is handling it
        var probe = new HandlerProbe();

        await using var consumer = await BusHost.StartAsync(Consumer(prefix, probe) with
        {
            ProcessingTimeout = TimeSpan.FromMilliseconds(100), ConsumerIdleTimeout = TimeSpan.FromMilliseconds(100),
        });
        // The reclaim pass has run once this stale consumer of our group is gone (it is the same pass that would claim).
        await Eventually.TrueAsync(async () => await Database.KeyExistsAsync(topic) && (await Database.StreamGroupInfoAsync(topic)).Any(g => g.Name == BusGroup("consumer")),
            Deadline, "our group exists");
        await Database.ExecuteAsync("XGROUP", "CREATECONSUMER", topic, BusGroup("consumer"), "stale");
        await Eventually.TrueAsync(async () => (await Database.StreamConsumerInfoAsync(topic, BusGroup("consumer"))).All(c => c.Name != "stale"),
            Deadline, "a reclaim pass ran after the daprd entry went idle");

        // The event reaches this transport through its own group (the inbox makes a second handling a no-op) …
        Assert.Equal(2, await TotalAsync(prefix, "shared"));
        // … and daprd's pending entry is neither claimed nor counted against anyone's delivery limit.
        var daprdPending = Assert.Single(await Database.StreamPendingMessagesAsync(topic, DaprdGroup, 10, RedisValue.Null));
        Assert.Equal(DaprdGroup, daprdPending.ConsumerName.ToString());
        Assert.Equal(1, daprdPending.DeliveryCount);
    }

    [Fact]
    public async Task Consumer_Restarted_KeepsItsStableNameAndIdleConsumersWithNothingPendingAreRemoved()
    {
        var prefix = TopicPrefix();
        var topic = SampleTopic(prefix);
        var settings = Consumer(prefix, new HandlerProbe()) with { ConsumerIdleTimeout = TimeSpan.FromMilliseconds(100) };
        var expectedName = $"consumer-{Environment.MachineName.ToLowerInvariant()}";
        // Redis 7 creates a consumer when it is first handed an entry, so each run gets one to handle.
        await using (var first = await BusHost.StartAsync(settings))
        {
            await Database.StreamAddAsync(topic, "data", DaprShapedEntries.Sample("run-1", topic, key: "run", value: 1));
            await Eventually.TrueAsync(async () => await TotalAsync(prefix, "run") == 1, Deadline, "the first run handled its entry");
        }
        // A consumer that still owns a pending entry must survive; one with nothing pending goes once idle.
        await Database.StreamAddAsync(topic, "data", DaprShapedEntries.Sample("held-1", topic, key: "held", value: 1));
        await Database.StreamReadGroupAsync(topic, BusGroup("consumer"), "holder", StreamPosition.NewMessages, 1);
        await Database.ExecuteAsync("XGROUP", "CREATECONSUMER", topic, BusGroup("consumer"), "gone");

        await using var restarted = await BusHost.StartAsync(settings with { ProcessingTimeout = TimeSpan.FromMinutes(1) });
        await Database.StreamAddAsync(topic, "data", DaprShapedEntries.Sample("run-2", topic, key: "run", value: 1));
        await Eventually.TrueAsync(async () => await TotalAsync(prefix, "run") == 2, Deadline, "the restarted run handled its entry");

        await Eventually.TrueAsync(async () => (await Database.StreamConsumerInfoAsync(topic, BusGroup("consumer"))).All(c => c.Name != "gone"),
            Deadline, "the idle consumer is removed");
        // The restarted process reads under the same name (no second consumer), and the one holding an entry stays.
        await Eventually.TrueAsync(async () => await ConsumerNamesAsync(topic) is [var a, var b] && a == expectedName && b == "holder",
            Deadline, "exactly the stable name and the holder remain");
    }

    private async Task<string[]> ConsumerNamesAsync(string topic) =>
        (await Database.StreamConsumerInfoAsync(topic, BusGroup("consumer"))).Select(c => c.Name.ToString()).Order(StringComparer.Ordinal).ToArray();
}

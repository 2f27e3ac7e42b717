using Microsoft.Extensions.DependencyInjection;
using TalentMesh.EventBus.Tests.Protos;
using TalentMesh.EventBus.Tests.Support;
using TalentMesh.Testing;

namespace TalentMesh.EventBus.Tests;

/// <summary>A handler registered with an ordering key runs one event of a key at a time; other keys go on meanwhile.</summary>
public sealed class OrderingTests(RedisServerFixture redis) : BusTestBase(redis)
{
    [Fact]
    public async Task OrderedHandler_RunsOneEventOfAKeyAtATime_WhileOtherKeysGoOn()
    {
        var prefix = TopicPrefix();
        var probe = new OrderProbe("talent-1");
        // All land before the consumer starts, so they arrive in one read and are started side by side.
        var streams = new TopicStreams(Redis.Connection, prefix);
        await streams.PublishAsync(Sample("talent-1", 1), "producer");
        await streams.PublishAsync(Sample("talent-1", 2), "producer");
        await streams.PublishAsync(Sample("talent-2", 3), "producer");
        var settings = Consumer(prefix, new HandlerProbe()) with { WithSampleHandler = false };
        await using var consumer = await BusHost.StartAsync(settings, services =>
        {
            services.AddSingleton(probe);
            services.AddEventHandler<SampleHappened, OrderedHandler>(orderedBy: e => e.Key);
        });

        // talent-2 is handled while talent-1's first event is held: the order is per key, not for the whole topic. The
        // three start side by side, so talent-2 may even finish before talent-1's first run enters: wait for both.
        await probe.Held.Task.WaitAsync(Deadline, TestContext.Current.CancellationToken);
        await probe.OtherDone.Task.WaitAsync(Deadline, TestContext.Current.CancellationToken);
        Assert.Equal(1, probe.Log.Count(line => line == "enter talent-1"));
        probe.Gate.SetResult();

        await Eventually.TrueAsync(() => FullyConsumedAsync(SampleTopic(prefix), BusGroup("consumer")), Deadline, "every event handled and acknowledged");
        var heldKey = probe.Log.Where(line => line.EndsWith(" talent-1", StringComparison.Ordinal)).ToList();
        Assert.Equal(["enter talent-1", "exit talent-1", "enter talent-1", "exit talent-1"], heldKey);
    }
}

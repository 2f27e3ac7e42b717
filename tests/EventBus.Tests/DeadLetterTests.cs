using TalentMesh.EventBus.Tests.Support;
using TalentMesh.Testing;

namespace TalentMesh.EventBus.Tests;

public sealed class DeadLetterTests(RedisServerFixture redis) : BusTestBase(redis)
{
    [Fact]
    public async Task PoisonEvent_UnparseableData_IsDeadLetteredAndLaterEventsFlow()
    {
        var prefix = TopicPrefix();
        var probe = new HandlerProbe();
        await using var producer = await BusHost.StartAsync(Producer(prefix));
        await using var consumer = await BusHost.StartAsync(Consumer(prefix, probe));

        await Database.StreamAddAsync(SampleTopic(prefix), "data", "{ this is not a cloud event");
        await Database.StreamAddAsync(SampleTopic(prefix), "data", DaprShapedEntries.Sample("bad-data", SampleTopic(prefix), key: "x", value: 1)
            .Replace("{\"key\":\"x\",\"value\":1}", "{\"value\":\"not a number\"}"));
        await producer.PublishAsync(Sample("after", value: 2));

        await Eventually.TrueAsync(async () => await TotalAsync(prefix, "after") == 2, Deadline, "the event behind the poison is handled");
        await Eventually.TrueAsync(async () => await Database.StreamLengthAsync(SampleTopic(prefix) + ".deadletter") == 2, Deadline, "both poison entries dead-lettered");
        // Entries of one batch are handled concurrently, so the dead-letter order is not the arrival order.
        var deadLetters = (await Database.StreamRangeAsync(SampleTopic(prefix) + ".deadletter")).Select(entry => entry["data"].ToString()).ToArray();
        Assert.Contains("{ this is not a cloud event", deadLetters);
        Assert.Contains(deadLetters, data => data.Contains("not a number", StringComparison.Ordinal));
        Assert.Equal(0, await PendingAsync(SampleTopic(prefix), BusGroup("consumer")));
    }

    [Fact]
    public async Task TransientFailure_NeverHeals_DeadLetteredAfterMaxDeliveries()
    {
        var prefix = TopicPrefix();
        var probe = new HandlerProbe();
        probe.FailingKeys.Add("sick");
        await using var producer = await BusHost.StartAsync(Producer(prefix));
        await using var consumer = await BusHost.StartAsync(Consumer(prefix, probe) with { MaxDeliveries = 3, ProcessingTimeout = TimeSpan.FromMilliseconds(200) });

        await producer.PublishAsync(Sample("sick", value: 1));
        await producer.PublishAsync(Sample("healthy", value: 4));

        await Eventually.TrueAsync(async () => await TotalAsync(prefix, "healthy") == 4, Deadline, "the healthy event flows past the sick one");
        await Eventually.TrueAsync(async () => await Database.StreamLengthAsync(SampleTopic(prefix) + ".deadletter") == 1, Deadline, "the sick event is dead-lettered");
        Assert.Equal([1, 2, 3], probe.Invocations.Where(invocation => invocation.Key == "sick").Select(invocation => invocation.Attempt));
        Assert.Equal(0, await PendingAsync(SampleTopic(prefix), BusGroup("consumer")));
        Assert.Equal(0, await TotalAsync(prefix, "sick"));
    }
}

using TalentMesh.EventBus.Tests.Support;
using TalentMesh.Testing;

namespace TalentMesh.EventBus.Tests;

public sealed class OutboxToHandlerTests(RedisServerFixture redis) : BusTestBase(redis)
{
    [Fact]
    public async Task Publish_AcrossTwoHosts_HandlerRunsOncePerEvent()
    {
        var prefix = TopicPrefix();
        var probe = new HandlerProbe();
        await using var producer = await BusHost.StartAsync(Producer(prefix));
        await using var consumer = await BusHost.StartAsync(Consumer(prefix, probe));

        for (var i = 0; i < 40; i++)
            await producer.PublishAsync(Sample($"k{i % 4}", value: i));

        await Eventually.TrueAsync(() => probe.Invocations.Count >= 40, Deadline, "all 40 events handled");
        // Counted only once every entry is acked, so a late extra delivery would still show up below.
        await Eventually.TrueAsync(() => FullyConsumedAsync(SampleTopic(prefix), BusGroup("consumer")), Deadline, "every delivery acked");
        for (var k = 0; k < 4; k++)
            Assert.Equal(Enumerable.Range(0, 40).Where(i => i % 4 == k).Sum(), await TotalAsync(prefix, $"k{k}"));
        Assert.Equal(40, probe.Invocations.Select(invocation => invocation.EventId).Distinct().Count());
        Assert.Equal(40, probe.Invocations.Count);
        // Under the redis transport the commit published the events itself: nothing went through the outbox.
        Assert.Equal(0, await Database.StreamLengthAsync(prefix + "producer:outbox"));
    }

    [Fact]
    public async Task Consumer_DiesBeforeAck_AnotherInstancePicksTheEventUp()
    {
        var prefix = TopicPrefix();
        var firstProbe = new HandlerProbe { Gate = new TaskCompletionSource() };
        await using var producer = await BusHost.StartAsync(Producer(prefix));
        var doomed = await BusHost.StartAsync(Consumer(prefix, firstProbe));

        await producer.PublishAsync(Sample("crash", value: 7));
        await firstProbe.Entered.Task.WaitAsync(Deadline, TestContext.Current.CancellationToken);
        await doomed.KillAsync();
        Assert.Equal(1, await PendingAsync(SampleTopic(prefix), BusGroup("consumer")));
        Assert.Equal(0, await TotalAsync(prefix, "crash"));

        var survivorProbe = new HandlerProbe();
        await using var survivor = await BusHost.StartAsync(Consumer(prefix, survivorProbe));
        await Eventually.TrueAsync(async () => await TotalAsync(prefix, "crash") == 7, Deadline, "the survivor handled the abandoned event");
        var (eventId, _, attempt) = Assert.Single(survivorProbe.Invocations);
        Assert.Equal(firstProbe.Invocations.Single().EventId, eventId);
        Assert.Equal(2, attempt);
        await Eventually.TrueAsync(async () => await PendingAsync(SampleTopic(prefix), BusGroup("consumer")) == 0, Deadline, "acked by the survivor");
    }

    [Fact]
    public async Task Commit_ConditionFails_NoEventIsPublished()
    {
        var prefix = TopicPrefix();
        await using var producer = await BusHost.StartAsync(Producer(prefix));

        var failing = producer.UnitsOfWork.Begin();
        failing.RequirePresent(prefix + "does-not-exist");
        failing.Set(prefix + "state", "changed");
        failing.Publish(Sample("lost"));
        Assert.Equal(Outbox.CommitOutcome.Conflict, await failing.CommitAsync());

        await producer.PublishAsync(Sample("kept"));
        await Eventually.TrueAsync(async () => await Database.StreamLengthAsync(SampleTopic(prefix)) == 1, Deadline, "the committed event is published");
        Assert.False(await Database.KeyExistsAsync(prefix + "state"));
        var published = await Database.StreamRangeAsync(SampleTopic(prefix));
        Assert.Contains("\"kept\"", Assert.Single(published)["data"].ToString());
    }
}

using StackExchange.Redis;
using TalentMesh.EventBus.Outbox;
using TalentMesh.EventBus.Tests.Protos;
using TalentMesh.EventBus.Tests.Support;
using TalentMesh.Testing;

namespace TalentMesh.EventBus.Tests;

/// <summary>How the redis transport settles an entry: when it acks, when it dead-letters, how long a handler may take.</summary>
public sealed class SettlementTests(RedisServerFixture redis) : BusTestBase(redis)
{
    [Fact]
    public async Task Reclaim_OverMaxDeliveriesButAlreadyProcessed_AckedNotDeadLettered()
    {
        var prefix = TopicPrefix();
        var topic = SampleTopic(prefix);
        // The event was handled (its effect and inbox marker committed), but the ack was lost with its consumer.
        await Database.StringSetAsync(prefix + "consumer:inbox:done-1", "1");
        await Database.StreamCreateConsumerGroupAsync(topic, BusGroup("consumer"), "0", createStream: true);
        await Database.StreamAddAsync(topic, "data", DaprShapedEntries.Sample("done-1", topic, key: "done", value: 4));
        await Database.StreamReadGroupAsync(topic, BusGroup("consumer"), "a-consumer-that-died", StreamPosition.NewMessages, 10);
        var probe = new HandlerProbe();

        await using var consumer = await BusHost.StartAsync(Consumer(prefix, probe) with { MaxDeliveries = 1, ProcessingTimeout = TimeSpan.FromMilliseconds(100) });

        await Eventually.TrueAsync(async () => await PendingAsync(topic, BusGroup("consumer")) == 0, Deadline, "the reclaimed entry is settled");
        Assert.Equal(0, await Database.StreamLengthAsync(topic + ".deadletter"));
        Assert.Empty(probe.Invocations);
    }

    [Fact]
    public async Task Batch_OneSlowHandler_TheOthersAreAckedWithoutWaitingForIt()
    {
        var prefix = TopicPrefix();
        var topic = SampleTopic(prefix);
        var probe = new HandlerProbe { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        probe.GatedKeys.Add("slow");
        // All land before the consumer starts, so they are read in one batch.
        await Database.StreamAddAsync(topic, "data", DaprShapedEntries.Sample("slow-1", topic, key: "slow", value: 1));
        for (var i = 0; i < 5; i++)
            await Database.StreamAddAsync(topic, "data", DaprShapedEntries.Sample($"fast-{i}", topic, key: "fast", value: 1));
        await using var consumer = await BusHost.StartAsync(Consumer(prefix, probe) with { ProcessingTimeout = TimeSpan.FromMinutes(1) });

        await Eventually.TrueAsync(async () => await TotalAsync(prefix, "fast") == 5, Deadline, "the fast events are handled");
        await Eventually.TrueAsync(async () => await PendingAsync(topic, BusGroup("consumer")) == 1, Deadline, "only the slow event is still unacknowledged");
        probe.Gate.SetResult();
        await Eventually.TrueAsync(async () => await PendingAsync(topic, BusGroup("consumer")) == 0, Deadline, "the slow event is acked when it finishes");
        Assert.Equal(1, await TotalAsync(prefix, "slow"));
    }

    [Fact]
    public async Task SlowHandler_EventsPublishedAfterIt_AreReadAndHandledWithoutWaitingForIt()
    {
        var prefix = TopicPrefix();
        var topic = SampleTopic(prefix);
        var probe = new HandlerProbe { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        probe.GatedKeys.Add("slow");
        await using var producer = await BusHost.StartAsync(Producer(prefix));
        await using var consumer = await BusHost.StartAsync(Consumer(prefix, probe) with { ProcessingTimeout = TimeSpan.FromMinutes(1) });

        // The slow event is read on its own and its handler is under way before the others exist: they come in later
        // reads, which must not wait for it (a consumer that finished each read before the next held them all back).
        await producer.PublishAsync(Sample("slow"));
        await probe.Entered.Task.WaitAsync(Deadline, TestContext.Current.CancellationToken);
        for (var i = 0; i < 5; i++)
            await producer.PublishAsync(Sample("fast"));

        await Eventually.TrueAsync(async () => await TotalAsync(prefix, "fast") == 5, Deadline, "the later events are handled while the slow one waits");
        Assert.Equal(0, await TotalAsync(prefix, "slow"));
        probe.Gate.SetResult();
        await Eventually.TrueAsync(async () => await PendingAsync(topic, BusGroup("consumer")) == 0, Deadline, "the slow event is acked when it finishes");
        Assert.Equal(1, await TotalAsync(prefix, "slow"));
    }

    [Fact]
    public async Task ReadOfTwoTopics_MoreEntriesThanFreeHandlers_AllHandledWithoutWaitingForRedelivery()
    {
        var prefix = TopicPrefix();
        await using var producer = await BusHost.StartAsync(Producer(prefix));
        // Both topics hold more entries than the consumer has handlers before it starts. XREADGROUP's COUNT is per
        // stream, so a read returns more entries than were free in all; a consumer that took one handler slot per
        // entry over-released them, failed the loop and left the entries for redelivery after the processing timeout.
        for (var i = 0; i < 20; i++)
        {
            await producer.PublishAsync(Sample("sample"));
            var unit = producer.UnitsOfWork.Begin();
            unit.Publish(new OtherHappened { Key = "other", Value = 1 });
            Assert.Equal(CommitOutcome.Committed, await unit.CommitAsync());
        }

        await using var consumer = await BusHost.StartAsync(Consumer(prefix, new HandlerProbe()) with
        {
            WithOtherHandler = true, Concurrency = 2, ProcessingTimeout = TimeSpan.FromMinutes(1),
        });

        await Eventually.TrueAsync(async () => await TotalAsync(prefix, "sample") == 20 && await TotalAsync(prefix, "other") == 20,
            Deadline, "every entry of both topics is handled at once, none after a redelivery");
    }

    [Fact]
    public async Task Handler_RunsPastTheProcessingTimeout_ItsTokenIsCancelled()
    {
        var prefix = TopicPrefix();
        var probe = new HandlerProbe { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        await using var producer = await BusHost.StartAsync(Producer(prefix));
        await using var consumer = await BusHost.StartAsync(Consumer(prefix, probe) with { ProcessingTimeout = TimeSpan.FromMilliseconds(300) });

        await producer.PublishAsync(Sample("stuck"));

        await probe.Cancelled.Task.WaitAsync(Deadline, TestContext.Current.CancellationToken);
        Assert.Equal(0, await TotalAsync(prefix, "stuck"));
    }
}

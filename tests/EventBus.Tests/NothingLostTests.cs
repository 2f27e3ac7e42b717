using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using TalentMesh.EventBus.Diagnostics;
using TalentMesh.EventBus.Handling;
using TalentMesh.EventBus.Outbox;
using TalentMesh.EventBus.Tests.Support;
using TalentMesh.EventBus.Transport;
using TalentMesh.EventBus.Transport.Redis;
using TalentMesh.Testing;

namespace TalentMesh.EventBus.Tests;

/// <summary>Nothing is lost silently: trimmed entries are counted, failed publishes retried in time, old dead letters not replayed twice.</summary>
public sealed class NothingLostTests(RedisServerFixture redis) : BusTestBase(redis)
{
    [Fact]
    public async Task Reclaim_PendingEntryTrimmedBeforeProcessing_CountedAsLost()
    {
        var prefix = TopicPrefix();
        var topic = SampleTopic(prefix);
        var lost = new ConcurrentQueue<long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == EventBusMetrics.MeterName && instrument.Name == "talentmesh.events.lost")
                    l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                // Only this test leaves a pending entry to be trimmed, so the logical topic identifies it.
                if (tag.Key == "topic" && Equals(tag.Value, "sample.happened"))
                    lost.Enqueue(value);
            }
        });
        listener.Start();
        await Database.StreamCreateConsumerGroupAsync(topic, BusGroup("consumer"), "0", createStream: true);
        var id = await Database.StreamAddAsync(topic, "data", DaprShapedEntries.Sample("trimmed-1", topic, key: "trimmed", value: 1));
        await Database.StreamReadGroupAsync(topic, BusGroup("consumer"), "a-consumer-that-died", StreamPosition.NewMessages, 10);
        await Database.StreamDeleteAsync(topic, [id]); // what MAXLEN ~ does to an entry nobody processed yet

        await using var consumer = await BusHost.StartAsync(Consumer(prefix, new HandlerProbe()) with { ProcessingTimeout = TimeSpan.FromMilliseconds(100) });

        await Eventually.TrueAsync(async () => await PendingAsync(topic, BusGroup("consumer")) == 0, Deadline, "the dangling pending entry is cleared");
        await Eventually.TrueAsync(() => !lost.IsEmpty, Deadline, "the loss is counted");
        Assert.True(lost.Sum() >= 1);
    }

    [Fact]
    public void DefaultStreamCap_CoversThePromisedBacklogWindow()
    {
        var options = new EventBusOptions();

        // docs/event-bus.md, Retention: 24 h of backlog at 10 events/s per topic must fit under MAXLEN ~.
        Assert.True(options.MaxLenApprox >= 10L * 24 * 3600, $"MAXLEN ~ {options.MaxLenApprox} is below 24 h at 10 events/s");
    }

    /// <summary>The relay's path (dapr transport: events go through the outbox), daprd stood in for by the redis publisher.</summary>
    [Fact]
    public async Task Relay_PublishFailsUnderAStandingBacklog_RetriedWithinTheRedeliverInterval()
    {
        var prefix = TopicPrefix();
        var failOnce = new FailFirstPublishOf("\"flaky\"");
        // A processing timeout far beyond the test: only the relay's own retry can bring the event out in time.
        await using var producer = await BusHost.StartAsync(Producer(prefix) with { Transport = "Dapr", ProcessingTimeout = TimeSpan.FromMinutes(30) }, services =>
            services.AddSingleton<IEventPublisher>(sp => failOnce.Wrap(ActivatorUtilities.CreateInstance<RedisStreamsPublisher>(sp))));
        using var stop = new CancellationTokenSource();
        var backlog = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
                await producer.PublishAsync(Sample("backlog", value: i));
        }, TestContext.Current.CancellationToken);

        await producer.PublishAsync(Sample("flaky", value: 1));

        try
        {
            await Eventually.TrueAsync(async () => (await Database.StreamRangeAsync(SampleTopic(prefix))).Any(entry => entry["data"].ToString().Contains("\"flaky\"")),
                Deadline, "the failed publish is retried while new events keep arriving");
        }
        finally
        {
            await stop.CancelAsync();
            await backlog;
        }
        Assert.True(failOnce.Failed);
    }

    [Fact]
    public async Task Replay_DeadLetterWithinTheInboxRetention_HandledOnceAndRemoved()
    {
        var prefix = TopicPrefix();
        var probe = new HandlerProbe();
        probe.FailingKeys.Add("sick");
        await using var producer = await BusHost.StartAsync(Producer(prefix));
        await using var consumer = await BusHost.StartAsync(Consumer(prefix, probe) with { MaxDeliveries = 2, ProcessingTimeout = TimeSpan.FromMilliseconds(150) });
        await producer.PublishAsync(Sample("sick", value: 8));
        await Eventually.TrueAsync(async () => await Database.StreamLengthAsync(SampleTopic(prefix) + ".deadletter") == 1, Deadline, "dead-lettered");
        var deadLetter = Assert.Single(await Database.StreamRangeAsync(SampleTopic(prefix) + ".deadletter"));
        probe.FailingKeys.Clear(); // the cause is fixed
        var replayer = consumer.Services.GetRequiredService<DeadLetterReplayer>();

        Assert.Equal(ReplayOutcome.Replayed, await replayer.ReplayAsync("sample.happened", deadLetter.Id, TestContext.Current.CancellationToken));
        Assert.Equal(ReplayOutcome.NotFound, await replayer.ReplayAsync("sample.happened", deadLetter.Id, TestContext.Current.CancellationToken));

        Assert.Equal(8, await TotalAsync(prefix, "sick"));
        Assert.Equal(0, await Database.StreamLengthAsync(SampleTopic(prefix) + ".deadletter"));
    }

    [Fact]
    public async Task Replay_DeadLetterOlderThanTheInboxRetention_RefusedAndKept()
    {
        var prefix = TopicPrefix();
        var topic = SampleTopic(prefix);
        var probe = new HandlerProbe();
        await using var consumer = await BusHost.StartAsync(Consumer(prefix, probe));
        // Dead-lettered from an entry added 8 days ago; the inbox keeps markers for 7 days (the default), so a marker
        // of an attempt that did commit may be gone.
        var originalId = $"{DateTimeOffset.UtcNow.AddDays(-8).ToUnixTimeMilliseconds()}-0";
        var deadLetterId = await Database.StreamAddAsync(topic + ".deadletter",
        [
            new NameValueEntry("data", DaprShapedEntries.Sample("old-1", topic, key: "old", value: 5)),
            new NameValueEntry("reason", "not handled after 5 deliveries"),
            new NameValueEntry("original-id", originalId),
        ]);
        var replayer = consumer.Services.GetRequiredService<DeadLetterReplayer>();

        Assert.Equal(ReplayOutcome.TooOld, await replayer.ReplayAsync("sample.happened", deadLetterId, TestContext.Current.CancellationToken));

        Assert.Empty(probe.Invocations);
        Assert.Equal(0, await TotalAsync(prefix, "old"));
        Assert.Equal(1, await Database.StreamLengthAsync(topic + ".deadletter"));
    }

    /// <summary>Fails the first publish of the entry whose envelope contains <paramref name="marker"/>.</summary>
    private sealed class FailFirstPublishOf(string marker)
    {
        private int failed;

        public bool Failed => failed == 1;

        public IEventPublisher Wrap(IEventPublisher inner) => new Publisher(inner, this);

        private sealed class Publisher(IEventPublisher inner, FailFirstPublishOf owner) : IEventPublisher
        {
            public Task[] Publish(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken)
            {
                var keep = entries.Where(entry => !IsFirstFlaky(entry)).ToList();
                var published = inner.Publish(keep, cancellationToken);
                var results = new Task[entries.Count];
                for (int i = 0, k = 0; i < entries.Count; i++)
                    results[i] = k < keep.Count && ReferenceEquals(keep[k], entries[i]) ? published[k++] : Task.FromException(new IOException("The broker refused the publish."));
                return results;
            }

            private bool IsFirstFlaky(OutboxEntry entry) =>
                System.Text.Encoding.UTF8.GetString(entry.CloudEvent.Span).Contains(owner.Marker, StringComparison.Ordinal)
                && Interlocked.CompareExchange(ref owner.failed, 1, 0) == 0;
        }

        private string Marker => marker;
    }
}

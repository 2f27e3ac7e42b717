using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TalentMesh.EventBus.Diagnostics;
using TalentMesh.EventBus.Events;
using TalentMesh.EventBus.Outbox;
using TalentMesh.EventBus.Tests.Support;
using TalentMesh.EventBus.Transport;
using TalentMesh.EventBus.Transport.Redis;
using TalentMesh.ServiceDefaults.Redis;
using TalentMesh.Testing;

namespace TalentMesh.EventBus.Tests;

/// <summary>
/// Under the redis transport the commit script adds a unit's events straight to their topic streams: there is no outbox
/// hop, so nothing lies between the commit and the publish. Hosts here run without the relay unless a test needs it.
/// </summary>
public sealed class DirectPublishTests(RedisServerFixture redis) : BusTestBase(redis)
{
    [Fact]
    public async Task Commit_RedisTransport_EventIsOnTheTopicWhenCommitReturnsAndSurvivesAKill()
    {
        var prefix = TopicPrefix();
        var probe = new HandlerProbe();
        var producer = await BusHost.StartAsync(Producer(prefix), BusHost.WithoutRelay);
        var unit = producer.UnitsOfWork.Begin();
        unit.Set(prefix + "state", "changed");
        var eventId = unit.Publish(Sample("direct", value: 4));

        Assert.Equal(CommitOutcome.Committed, await unit.CommitAsync());
        await producer.KillAsync(); // nothing of the producer runs after the commit returned

        var entry = Assert.Single(await Database.StreamRangeAsync(SampleTopic(prefix)));
        Assert.Equal([RedisStreamFields.Data], entry.Values.Select(field => field.Name.ToString()));
        Assert.Equal(eventId, CloudEventCodec.Decode((byte[])entry[RedisStreamFields.Data]!, "sample.happened", 1).Id);
        Assert.Equal("changed", await Database.StringGetAsync(prefix + "state"));
        Assert.False(await Database.KeyExistsAsync(prefix + "producer:outbox"));
        await using var consumer = await BusHost.StartAsync(Consumer(prefix, probe));
        await Eventually.TrueAsync(async () => await TotalAsync(prefix, "direct") == 4, Deadline, "the consumer handled the event");
    }

    [Fact]
    public async Task Commit_WritesTheEntryTheRelaysPublisherWrites()
    {
        var prefix = TopicPrefix();
        await using var producer = await BusHost.StartAsync(Producer(prefix), BusHost.WithoutRelay);
        var unit = producer.UnitsOfWork.Begin();
        unit.Publish(Sample("same-bytes"));
        Assert.Equal(CommitOutcome.Committed, await unit.CommitAsync());
        var committed = Assert.Single(await Database.StreamRangeAsync(SampleTopic(prefix)));

        var publisher = ActivatorUtilities.CreateInstance<RedisStreamsPublisher>(producer.Services);
        var envelope = (byte[])committed[RedisStreamFields.Data]!;
        await Assert.Single(publisher.Publish([new OutboxEntry("id", "sample.happened", envelope, null, null)], TestContext.Current.CancellationToken));

        var entries = await Database.StreamRangeAsync(SampleTopic(prefix));
        Assert.Equal(2, entries.Length);
        Assert.Equal(Fields(entries[0]), Fields(entries[1]));
    }

    private static (string, string)[] Fields(StreamEntry entry) =>
        entry.Values.Select(field => (field.Name.ToString(), field.Value.ToString())).ToArray();

    [Fact]
    public async Task Commit_RedisTransport_TopicStreamCappedAsTheRelaysPublishCapsIt()
    {
        var prefix = TopicPrefix();
        await using var producer = await BusHost.StartAsync(Producer(prefix) with { MaxLenApprox = 1_000 }, BusHost.WithoutRelay);

        var commits = Enumerable.Range(0, 1_500).Select(i =>
        {
            var unit = producer.UnitsOfWork.Begin();
            unit.Publish(Sample("capped", value: i));
            return unit.CommitAsync();
        }).ToList();
        Assert.All(await Task.WhenAll(commits), outcome => Assert.Equal(CommitOutcome.Committed, outcome));

        // MAXLEN ~ trims whole stream nodes (100 entries by default), so the length lands between the cap and a node above it.
        Assert.InRange(await Database.StreamLengthAsync(SampleTopic(prefix)), 1_000, 1_100);
    }

    [Fact]
    public async Task CommitForEvent_TopicKeyHoldsAnotherType_RefusedAndNothingWritten()
    {
        var prefix = TopicPrefix();
        await using var producer = await BusHost.StartAsync(Producer(prefix), BusHost.WithoutRelay);
        await Database.StringSetAsync(SampleTopic(prefix), "not a stream");
        var unit = producer.UnitsOfWork.BeginForEvent("event-1");
        unit.Set(prefix + "state", "changed");
        unit.Publish(Sample("refused"));

        var refused = await Assert.ThrowsAsync<CommitRefusedException>(unit.CommitAsync);

        Assert.Contains("WRONGTYPE", refused.Reason);
        Assert.False(await Database.KeyExistsAsync(prefix + "state"));
        Assert.False(await Database.KeyExistsAsync(prefix + "producer:inbox:event-1"));
        Assert.Equal("not a stream", await Database.StringGetAsync(SampleTopic(prefix)));
    }

    [Fact]
    public async Task Commit_RedisTransport_CountedAsPublishedAndTracedAtCommit()
    {
        var prefix = TopicPrefix();
        await using var producer = await BusHost.StartAsync(Producer(prefix), BusHost.WithoutRelay);
        var published = new ConcurrentQueue<long>();
        var meterFactory = producer.Services.GetRequiredService<IMeterFactory>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                // This host's meter only: other tests publish on the same logical topic in parallel.
                if (instrument.Meter.Scope == meterFactory && instrument.Name == "talentmesh.events.published")
                    listener.EnableMeasurementEvents(instrument);
            },
        };
        meters.SetMeasurementEventCallback<long>((_, value, _, _) => published.Enqueue(value));
        meters.Start();
        var spans = new ConcurrentQueue<Activity>();
        using var tracing = new ActivityListener
        {
            ShouldListenTo = source => source.Name is EventBusTelemetry.SourceName or "test",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(tracing);
        using var source = new ActivitySource("test");

        ActivityTraceId traceId;
        using (var request = source.StartActivity("request"))
        {
            traceId = request!.TraceId;
            var unit = producer.UnitsOfWork.Begin();
            unit.Publish(Sample("counted"));
            Assert.Equal(CommitOutcome.Committed, await unit.CommitAsync());
        }

        Assert.Equal(1, published.Sum());
        var publish = Assert.Single(spans, span => span.OperationName == "publish sample.happened" && span.TraceId == traceId);
        var created = Assert.Single(spans, span => span.OperationName == "create sample.happened" && span.TraceId == traceId);
        Assert.Equal(created.SpanId, publish.ParentSpanId);
        Assert.NotEqual(ActivityStatusCode.Error, publish.Status);
    }

    [Theory]
    [InlineData("Redis", false)]
    [InlineData("Dapr", true)]
    public async Task Commit_WakesTheRelayOnlyWhenTheEventWentToTheOutbox(string transport, bool wakesRelay)
    {
        var prefix = TopicPrefix("wakes-relay-" + transport);
        await using var producer = await BusHost.StartAsync(Producer(prefix) with { Transport = transport }, BusHost.WithoutRelay);
        var unit = producer.UnitsOfWork.Begin();
        unit.Publish(Sample("signal"));

        Assert.Equal(CommitOutcome.Committed, await unit.CommitAsync());

        var signal = producer.Services.GetRequiredService<OutboxSignal>();
        Assert.Equal(wakesRelay, await signal.WaitAsync(TimeSpan.Zero, TestContext.Current.CancellationToken));
        Assert.Equal(wakesRelay ? 1 : 0, await Database.StreamLengthAsync(prefix + "producer:outbox"));
        Assert.Equal(wakesRelay ? 0 : 1, await Database.StreamLengthAsync(SampleTopic(prefix)));
    }

    [Fact]
    public async Task OutboxLeftByAnOlderVersion_RedisTransport_StillRelayedAndHandled()
    {
        var prefix = TopicPrefix();
        var probe = new HandlerProbe();
        var options = Options.Create(new EventBusOptions { AppId = "producer", TopicPrefix = prefix });
        var entry = new OutboxEntryFactory(new TopicNames(options), options, TimeProvider.System).Create(Sample("legacy", value: 6));
        // What a version that published every event through the outbox left behind when it was replaced.
        var outbox = new OutboxKeys(new RedisKeyspace(prefix + "producer:")).OutboxStream;
        await Database.ExecuteAsync("XADD", [outbox, .. entry.ToStreamArguments().Select(argument => (object)argument)]);

        await using var producer = await BusHost.StartAsync(Producer(prefix));
        await using var consumer = await BusHost.StartAsync(Consumer(prefix, probe));

        await Eventually.TrueAsync(async () => await TotalAsync(prefix, "legacy") == 6, Deadline, "the relay published the old outbox entry");
        Assert.Equal(entry.Id, Assert.Single(probe.Invocations).EventId);
        await Eventually.TrueAsync(async () => await Database.StreamLengthAsync(outbox) == 0, Deadline, "the relay acknowledged and deleted it");
    }
}

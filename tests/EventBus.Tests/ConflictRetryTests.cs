using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using TalentMesh.EventBus.Diagnostics;
using TalentMesh.EventBus.Tests.Protos;
using TalentMesh.EventBus.Tests.Support;
using TalentMesh.Testing;

namespace TalentMesh.EventBus.Tests;

/// <summary>
/// Handlers whose commits lose an optimistic-concurrency race are run again in process: events racing on the same state
/// all land promptly and exactly once, without waiting for the processing timeout's redelivery.
/// </summary>
public sealed class ConflictRetryTests(RedisServerFixture redis) : BusTestBase(redis)
{
    /// <summary>
    /// Well below the processing timeout (the AppHost's 180 s, set here too), so only an in-process retry can make it:
    /// before it existed the losers waited for redelivery and this test failed at its deadline.
    /// </summary>
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task EventsRacingOnOneState_AllLandPromptlyAndExactlyOnce_ByInProcessRetries()
    {
        const int racers = 4;
        var prefix = TopicPrefix();
        var probe = new RaceProbe(racers);
        var topic = SampleTopic(prefix);
        using var retries = new RetryCounter("sample.happened");
        // All of them land before the consumer starts, so they arrive in one batch and run concurrently.
        var streams = new TopicStreams(Redis.Connection, prefix);
        for (var value = 1; value <= racers; value++)
            await streams.PublishAsync(Sample("shared", value), "producer");
        var settings = Consumer(prefix, new HandlerProbe()) with { WithSampleHandler = false, ProcessingTimeout = TimeSpan.FromSeconds(180) };
        await using var consumer = await BusHost.StartAsync(settings, services =>
        {
            services.AddSingleton(probe);
            services.AddEventHandler<SampleHappened, RacingHandler>();
        });

        await Eventually.TrueAsync(() => FullyConsumedAsync(topic, BusGroup("consumer")), Prompt,
            "every racing event was handled and acknowledged well before the processing timeout");

        // Exactly once: each value applied once, the version counted every commit, and the losers were re-run.
        var applied = (await Database.ListRangeAsync(prefix + "consumer:race-applied:shared")).Select(v => (int)v).Order().ToList();
        Assert.Equal(Enumerable.Range(1, racers), applied);
        Assert.Equal(racers, (long)await Database.HashGetAsync(prefix + "consumer:race:shared", "version"));
        Assert.InRange(probe.Runs, racers + racers - 1, int.MaxValue);
        Assert.InRange(retries.Count, racers - 1, int.MaxValue);
    }

    /// <summary>
    /// Counts talentmesh.events.conflict_retries for one logical topic in every host of this process; no other test's
    /// handler loses a race, so only this test's retries are counted.
    /// </summary>
    private sealed class RetryCounter : IDisposable
    {
        private readonly MeterListener listener = new();
        private long count;

        public RetryCounter(string topic)
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == EventBusMetrics.MeterName && instrument.Name == "talentmesh.events.conflict_retries")
                    l.EnableMeasurementEvents(instrument);
            };
            listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "topic" && (string?)tag.Value == topic)
                        Interlocked.Add(ref count, value);
                }
            });
            listener.Start();
        }

        public long Count => Interlocked.Read(ref count);

        public void Dispose() => listener.Dispose();
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using TalentMesh.EventBus.Diagnostics;
using TalentMesh.EventBus.Tests.Support;
using TalentMesh.Testing;

namespace TalentMesh.EventBus.Tests;

/// <summary>talentmesh.events.handling.duration: one measurement per delivery, covering the handler's whole run.</summary>
public sealed class HandlingDurationTests(RedisServerFixture redis) : BusTestBase(redis)
{
    [Fact]
    public async Task HandledDelivery_RecordsItsDuration_IncludingTheTimeTheHandlerWaited()
    {
        var prefix = TopicPrefix();
        var probe = new HandlerProbe { Gate = new TaskCompletionSource() };
        await using var producer = await BusHost.StartAsync(Producer(prefix));
        await using var consumer = await BusHost.StartAsync(Consumer(prefix, probe));
        // Other test classes handle the same topic at the same time; this host's meters are the ones its factory made.
        using var durations = new DurationListener(consumer.Services.GetRequiredService<IMeterFactory>());

        await producer.PublishAsync(Sample("timed", value: 3));
        await probe.Entered.Task.WaitAsync(Deadline, TestContext.Current.CancellationToken);
        // The handler is held at its gate for at least these round trips to Redis; the delivery's duration must cover them.
        var held = Stopwatch.StartNew();
        for (var i = 0; i < 5; i++)
            await Database.PingAsync();
        var heldFor = held.Elapsed;
        probe.Gate.SetResult();
        await Eventually.TrueAsync(() => FullyConsumedAsync(SampleTopic(prefix), BusGroup("consumer")), Deadline, "the delivery was acknowledged");

        var (topic, seconds, outcome) = Assert.Single(durations.Measured);
        Assert.Equal("sample.happened", topic);
        Assert.Equal("success", outcome);
        Assert.InRange(seconds, heldFor.TotalSeconds, Deadline.TotalSeconds);
    }

    /// <summary>The histogram's measurements in one host (the meters its <see cref="IMeterFactory"/> created).</summary>
    private sealed class DurationListener : IDisposable
    {
        private readonly MeterListener listener = new();
        private readonly ConcurrentQueue<(string Topic, double Seconds, string Outcome)> measured = new();

        public DurationListener(IMeterFactory host)
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, host) && instrument.Meter.Name == EventBusMetrics.MeterName
                    && instrument.Name == "talentmesh.events.handling.duration")
                    l.EnableMeasurementEvents(instrument);
            };
            listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
            {
                string? topic = null, outcome = null;
                foreach (var tag in tags)
                {
                    if (tag.Key == "topic") topic = tag.Value as string;
                    if (tag.Key == "outcome") outcome = tag.Value as string;
                }
                measured.Enqueue((topic ?? "", value, outcome ?? ""));
            });
            listener.Start();
        }

        public IReadOnlyList<(string Topic, double Seconds, string Outcome)> Measured => [.. measured];

        public void Dispose() => listener.Dispose();
    }
}

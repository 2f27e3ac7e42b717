using System.Diagnostics.Metrics;
using TalentMesh.EventBus.Handling;

namespace TalentMesh.EventBus.Diagnostics;

/// <summary>The event bus's instruments (meter TalentMesh.EventBus).</summary>
public sealed class EventBusMetrics : IDisposable
{
    public const string MeterName = "TalentMesh.EventBus";

    private readonly Meter meter;
    private readonly Counter<long> published;
    private readonly Counter<long> delivered;
    private readonly Counter<long> redelivered;
    private readonly Counter<long> deadLettered;
    private readonly Counter<long> duplicates;
    private readonly Counter<long> conflictRetries;
    private readonly Counter<long> lost;
    private readonly Histogram<double> handlingDuration;
    private readonly Dictionary<string, long> lagByTopic = [];

    public EventBusMetrics(IMeterFactory meterFactory)
    {
        meter = meterFactory.Create(MeterName);
        published = meter.CreateCounter<long>("talentmesh.events.published", "{event}", "Events handed to the transport: at commit under the redis transport, by the outbox relay under dapr.");
        delivered = meter.CreateCounter<long>("talentmesh.events.delivered", "{event}", "Delivery attempts by outcome.");
        redelivered = meter.CreateCounter<long>("talentmesh.events.redelivered", "{event}", "Entries reclaimed after the processing timeout.");
        deadLettered = meter.CreateCounter<long>("talentmesh.events.dead_lettered", "{event}", "Entries moved to a dead-letter topic.");
        duplicates = meter.CreateCounter<long>("talentmesh.events.duplicates", "{event}", "Deliveries skipped because the inbox had seen them.");
        conflictRetries = meter.CreateCounter<long>("talentmesh.events.conflict_retries", "{retry}",
            "Handler runs repeated in process because the previous run's commit lost an optimistic-concurrency race.");
        lost = meter.CreateCounter<long>("talentmesh.events.lost", "{event}",
            "Pending entries trimmed or deleted from a topic before they were processed (ids XAUTOCLAIM reported as deleted).");
        // ASP.NET Core's request-duration boundaries: OpenTelemetry's default ones are meant for milliseconds.
        handlingDuration = meter.CreateHistogram("talentmesh.events.handling.duration", "s",
            "From a delivery reaching the dispatcher to its outcome: the wait for its ordering key, the handler with any conflict re-runs, its commit.",
            tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10] });
        meter.CreateObservableGauge("talentmesh.events.consumer_lag", ObserveLag, "{event}", "Entries not yet delivered to this app's consumer group.");
    }

    public void Published(string topic) => published.Add(1, Tag(topic));
    public void Delivered(string topic, DeliveryOutcome outcome) => delivered.Add(1, Tag(topic), OutcomeTag(outcome));
    /// <summary>
    /// How long one delivery took, by topic and outcome. Under load a consumer falls behind when this grows while its
    /// handler slots stay full (docs/benchmarks.md, "Session 11"): the counters alone do not show it.
    /// </summary>
    public void Handled(string topic, DeliveryOutcome outcome, TimeSpan duration) =>
        handlingDuration.Record(duration.TotalSeconds, Tag(topic), OutcomeTag(outcome));
    public void Redelivered(string topic, int count) => redelivered.Add(count, Tag(topic));
    public void DeadLettered(string topic) => deadLettered.Add(1, Tag(topic));
    public void Duplicate(string topic) => duplicates.Add(1, Tag(topic));
    public void ConflictRetried(string topic) => conflictRetries.Add(1, Tag(topic));
    public void Lost(string topic, int count) => lost.Add(count, Tag(topic));

    public void RecordLag(string topic, long lag)
    {
        lock (lagByTopic)
            lagByTopic[topic] = lag;
    }

    private IEnumerable<Measurement<long>> ObserveLag()
    {
        lock (lagByTopic)
            return lagByTopic.Select(pair => new Measurement<long>(pair.Value, Tag(pair.Key))).ToArray();
    }

    private static KeyValuePair<string, object?> Tag(string topic) => new("topic", topic);

    // Two instruments tag every delivery with its outcome: the names are made once, not per delivery.
    private static readonly Dictionary<DeliveryOutcome, string> OutcomeNames =
        Enum.GetValues<DeliveryOutcome>().ToDictionary(outcome => outcome, outcome => outcome.ToString().ToLowerInvariant());

    private static KeyValuePair<string, object?> OutcomeTag(DeliveryOutcome outcome) => new("outcome", OutcomeNames[outcome]);

    public void Dispose() => meter.Dispose();
}

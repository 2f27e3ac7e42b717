using System.ComponentModel.DataAnnotations;

namespace TalentMesh.EventBus;

public enum EventTransportKind
{
    /// <summary>Speak Dapr's pubsub.redis wire format directly (local runs, tests, no sidecar).</summary>
    Redis,

    /// <summary>Publish through the Dapr sidecar and receive on the AppCallback gRPC service.</summary>
    Dapr,
}

/// <summary>Bound from EventBus; the transport is configuration, never code.</summary>
public sealed class EventBusOptions
{
    public const string Section = "EventBus";

    public EventTransportKind Transport { get; set; } = EventTransportKind.Redis;

    /// <summary>The app id: CloudEvent source and, as in daprd, the consumer group name.</summary>
    [Required, RegularExpression("^[a-z][a-z0-9-]{1,40}$")]
    public string AppId { get; set; } = "";

    /// <summary>Name of the Dapr pub/sub component (also written as the pubsubname attribute).</summary>
    [Required]
    public string PubSubName { get; set; } = "pubsub";

    /// <summary>Prefix for topic stream names; empty in deployments, unique per test so tests never share streams.</summary>
    public string TopicPrefix { get; set; } = "";

    /// <summary>Dead-letter topic of a subscription = topic + this suffix.</summary>
    [Required]
    public string DeadLetterSuffix { get; set; } = ".deadletter";

    /// <summary>How long "processed" markers live; must outlast any redelivery window.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The sustained publish rate per topic the default stream cap is sized for (docs/event-bus.md, Retention).</summary>
    public const int PromisedEventsPerSecondPerTopic = 10;

    /// <summary>How long a consumer group may be stopped or behind without losing entries at that rate.</summary>
    public static readonly TimeSpan PromisedBacklogWindow = TimeSpan.FromHours(24);

    /// <summary>
    /// The default cap: rate × window (864,000), rounded up to 1,000,000 for the slack of approximate trimming (MAXLEN ~
    /// trims whole stream nodes of at most 100 entries). Kept equal to the Component's maxLenApprox (k8s/base/dapr/pubsub.yaml).
    /// </summary>
    public const long DefaultMaxLenApprox = 1_000_000;

    /// <summary>Approximate cap on each topic stream (XADD MAXLEN ~), like daprd's maxLenApprox.</summary>
    [Range(1000, long.MaxValue)]
    public long MaxLenApprox { get; set; } = DefaultMaxLenApprox;

    /// <summary>The Component's processingTimeout (k8s/base/dapr/pubsub.yaml); the default here is the same value.</summary>
    public static readonly TimeSpan DefaultProcessingTimeout = TimeSpan.FromSeconds(180);

    /// <summary>
    /// An entry delivered but not acked for this long is considered lost and redelivered (XAUTOCLAIM); a handler's
    /// cancellation token fires after it, so a handler never outlives its claim on the entry.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan ProcessingTimeout { get; set; } = DefaultProcessingTimeout;

    /// <summary>This process's consumer name in its groups; empty: &lt;app id&gt;-&lt;host name&gt; (the pod name), stable across restarts.</summary>
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$")]
    public string? ConsumerName { get; set; }

    /// <summary>A consumer of this app's groups idle this long with nothing pending is removed (XGROUP DELCONSUMER).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "30.00:00:00")]
    public TimeSpan ConsumerIdleTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often pending entries are checked for reclaiming, and consumer lag is measured.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan RedeliverInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>After this many failed deliveries an entry moves to the dead-letter topic.</summary>
    [Range(1, 100)]
    public int MaxDeliveries { get; set; } = 5;

    /// <summary>
    /// In-process re-runs of a handler whose commit lost an optimistic-concurrency race (a fresh scope, state read
    /// again), after a short jittered backoff; only when they are used up is the entry left for redelivery after
    /// <see cref="ProcessingTimeout"/>. 0 turns them off.
    /// </summary>
    [Range(0, 20)]
    public int ConflictRetries { get; set; } = 5;

    /// <summary>Base of the exponential, jittered backoff between conflict retries after the first, immediate one (10 ms: ~20, 40, 80, 160 ms).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:10")]
    public TimeSpan ConflictRetryDelay { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Most entries per read: of new entries (also bounded by the free handler slots), reclaimed ones and the relay's.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>Most events handled at once (handler slots); handlers must tolerate reordering (see docs).</summary>
    [Range(1, 256)]
    public int Concurrency { get; set; } = 64;

    /// <summary>XREADGROUP BLOCK time; bounds how long shutdown waits for the reader.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:05")]
    public TimeSpan BlockTime { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Poll of the outbox for entries of other replicas; under the dapr transport own commits wake the relay at once.
    /// Under the redis transport nothing goes to the outbox any more: the poll only finds what an older version left.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan RelayPollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Dapr sidecar gRPC endpoint; empty uses DAPR_GRPC_ENDPOINT / DAPR_GRPC_PORT as daprd's injector sets them.</summary>
    public string? DaprGrpcEndpoint { get; set; }
}

namespace TalentMesh.EventBus.Tests.Support;

/// <summary>Configuration of one test host; topic prefix and key prefix isolate a test from every other.</summary>
public sealed record BusHostSettings(string RedisConnection, string AppId, string KeyPrefix, string TopicPrefix)
{
    public bool WithSampleHandler { get; init; }
    /// <summary>Also subscribes the second test topic (<see cref="OtherHandler"/>).</summary>
    public bool WithOtherHandler { get; init; }
    public int Concurrency { get; init; } = 64;
    public HandlerProbe Probe { get; init; } = new();
    public string Transport { get; init; } = "Redis";
    public TimeSpan ProcessingTimeout { get; init; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan RedeliverInterval { get; init; } = TimeSpan.FromMilliseconds(100);
    public int MaxDeliveries { get; init; } = 3;
    public string? DaprGrpcEndpoint { get; init; }
    public TimeSpan ConsumerIdleTimeout { get; init; } = TimeSpan.FromHours(1);
    public long MaxLenApprox { get; init; } = EventBusOptions.DefaultMaxLenApprox;

    public Dictionary<string, string?> ToConfiguration() => new()
    {
        ["ConnectionStrings:redis"] = RedisConnection,
        ["Service:Name"] = AppId,
        ["Redis:KeyPrefix"] = KeyPrefix,
        ["EventBus:Transport"] = Transport,
        ["EventBus:AppId"] = AppId,
        ["EventBus:TopicPrefix"] = TopicPrefix,
        ["EventBus:ProcessingTimeout"] = ProcessingTimeout.ToString(),
        ["EventBus:RedeliverInterval"] = RedeliverInterval.ToString(),
        ["EventBus:MaxDeliveries"] = MaxDeliveries.ToString(),
        ["EventBus:BlockTime"] = "00:00:00.200",
        ["EventBus:Concurrency"] = Concurrency.ToString(),
        ["EventBus:RelayPollInterval"] = "00:00:00.050",
        ["EventBus:DaprGrpcEndpoint"] = DaprGrpcEndpoint,
        ["EventBus:ConsumerIdleTimeout"] = ConsumerIdleTimeout.ToString(),
        ["EventBus:MaxLenApprox"] = MaxLenApprox.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

using System.Runtime.CompilerServices;
using StackExchange.Redis;
using TalentMesh.EventBus.Tests.Protos;
using TalentMesh.Testing;

namespace TalentMesh.EventBus.Tests.Support;

/// <summary>Shared plumbing: each test gets its own app ids, key prefixes and topic prefix.</summary>
public abstract class BusTestBase(RedisServerFixture redis)
{
    protected static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    protected RedisServerFixture Redis { get; } = redis;

    protected IDatabase Database => Redis.Connection.GetDatabase();

    protected static string TopicPrefix([CallerMemberName] string test = "") => TestKeys.Prefix(test);

    protected BusHostSettings Producer(string topicPrefix) =>
        new(Redis.ConnectionString, "producer", topicPrefix + "producer:", topicPrefix);

    protected BusHostSettings Consumer(string topicPrefix, HandlerProbe probe) =>
        new(Redis.ConnectionString, "consumer", topicPrefix + "consumer:", topicPrefix) { WithSampleHandler = true, Probe = probe };

    protected static string SampleTopic(string topicPrefix) => topicPrefix + "sample.happened";

    protected async Task<long> TotalAsync(string topicPrefix, string key) =>
        (long?)await Database.StringGetAsync(topicPrefix + "consumer:total:" + key) ?? 0;

    protected async Task<long> PendingAsync(string stream, string group)
    {
        var info = await Database.StreamPendingAsync(stream, group);
        return info.PendingMessageCount;
    }

    /// <summary>Every entry of the stream was delivered to the group and acknowledged.</summary>
    protected async Task<bool> FullyConsumedAsync(string stream, string group)
    {
        if (!await Database.KeyExistsAsync(stream))
            return false;
        var groups = await Database.StreamGroupInfoAsync(stream);
        return groups.FirstOrDefault(info => info.Name == group) is { PendingMessageCount: 0, Lag: 0 };
    }

    /// <summary>The consumer group the redis transport reads <paramref name="appId"/>'s topics with.</summary>
    protected static string BusGroup(string appId) => Transport.StreamGroups.ForApp(appId);

    protected static SampleHappened Sample(string key, int value = 1) => new() { Key = key, Value = value };
}

using System.Text.Json;
using TalentMesh.EventBus.Tests.Support;
using TalentMesh.Testing;

namespace TalentMesh.EventBus.Tests;

/// <summary>A sidecar-less service and a daprd-backed one must interoperate on the same Redis.</summary>
public sealed class DaprWireFormatTests(RedisServerFixture redis) : BusTestBase(redis)
{
    [Fact]
    public async Task RedisTransport_PublishedEntry_HasDaprdPubSubRedisShape()
    {
        var prefix = TopicPrefix();
        await using var producer = await BusHost.StartAsync(Producer(prefix));

        await producer.PublishAsync(Sample("shape", value: 9));

        await Eventually.TrueAsync(async () => await Database.StreamLengthAsync(SampleTopic(prefix)) == 1, Deadline, "published");
        var entry = Assert.Single(await Database.StreamRangeAsync(SampleTopic(prefix)));
        Assert.Equal(["data"], entry.Values.Select(field => field.Name.ToString()));
        using var cloudEvent = JsonDocument.Parse(entry["data"].ToString());
        var root = cloudEvent.RootElement;
        Assert.Equal(
            ["data", "datacontenttype", "id", "pubsubname", "source", "specversion", "time", "topic", "traceparent", "type"],
            root.EnumerateObject().Select(property => property.Name).Order(StringComparer.Ordinal));
        Assert.Equal("1.0", root.GetProperty("specversion").GetString());
        Assert.Equal("producer", root.GetProperty("source").GetString());
        Assert.Equal("talentmesh.tests.v1.SampleHappened", root.GetProperty("type").GetString());
        Assert.Equal("application/json", root.GetProperty("datacontenttype").GetString());
        Assert.Equal(SampleTopic(prefix), root.GetProperty("topic").GetString());
        Assert.Equal("pubsub", root.GetProperty("pubsubname").GetString());
        Assert.True(Guid.TryParse(root.GetProperty("id").GetString(), out _));
        Assert.True(DateTimeOffset.TryParse(root.GetProperty("time").GetString(), out _));
        Assert.Equal(JsonValueKind.Object, root.GetProperty("data").ValueKind);
        Assert.Equal("shape", root.GetProperty("data").GetProperty("key").GetString());
        Assert.Equal(9, root.GetProperty("data").GetProperty("value").GetInt32());
    }

    [Fact]
    public async Task RedisTransport_EntryWrittenByDaprd_IsConsumed()
    {
        var prefix = TopicPrefix();
        var probe = new HandlerProbe();
        await using var consumer = await BusHost.StartAsync(Consumer(prefix, probe));

        await Database.StreamAddAsync(SampleTopic(prefix), "data", DaprShapedEntries.Sample("from-daprd-1", SampleTopic(prefix), key: "daprd", value: 11));

        await Eventually.TrueAsync(async () => await TotalAsync(prefix, "daprd") == 11, Deadline, "the daprd-shaped entry is handled");
        Assert.Equal("from-daprd-1", Assert.Single(probe.Invocations).EventId);
    }
}

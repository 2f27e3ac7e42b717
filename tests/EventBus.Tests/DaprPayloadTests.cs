using Google.Protobuf;
using StackExchange.Redis;
using TalentMesh.EventBus.Tests.Support;
using TalentMesh.Testing;

namespace TalentMesh.EventBus.Tests;

/// <summary>Everything daprd can put on a topic reaches the handler; an event of the wrong type does not.</summary>
public sealed class DaprPayloadTests(RedisServerFixture redis) : BusTestBase(redis)
{
    public static TheoryData<string> DaprdPayloads => ["binary-octet-stream", "binary-protobuf", "text-json", "raw-json", "raw-protobuf"];

    [Theory]
    [MemberData(nameof(DaprdPayloads))]
    public async Task RedisTransport_PayloadWrittenByDaprd_IsHandled(string payload)
    {
        var prefix = TopicPrefix("payload-" + payload);
        var topic = SampleTopic(prefix);
        var probe = new HandlerProbe();
        await using var consumer = await BusHost.StartAsync(Consumer(prefix, probe));
        var message = Sample(payload, value: 5);

        NameValueEntry[] fields = payload switch
        {
            "binary-octet-stream" => [new("data", DaprShapedEntries.Binary("p-1", topic, message.ToByteArray()))],
            "binary-protobuf" => [new("data", DaprShapedEntries.Binary("p-1", topic, message.ToByteArray(), "application/protobuf"))],
            "text-json" => [new("data", DaprShapedEntries.Text("p-1", topic, JsonFormatter.Default.Format(message)))],
            "raw-json" => [new("data", JsonFormatter.Default.Format(message)), new("metadata", DaprShapedEntries.RawPayloadMetadata())],
            "raw-protobuf" => [new("data", message.ToByteArray()), new("metadata", DaprShapedEntries.RawPayloadMetadata())],
            _ => throw new ArgumentOutOfRangeException(nameof(payload)),
        };
        await Database.StreamAddAsync(topic, fields);

        await Eventually.TrueAsync(async () => await TotalAsync(prefix, payload) == 5, Deadline, "the daprd payload is handled");
        Assert.Equal(0, await Database.StreamLengthAsync(topic + ".deadletter"));
    }

    [Fact]
    public async Task RedisTransport_TypeTheTopicDoesNotCarry_DeadLetteredWithReasonNotHandled()
    {
        var prefix = TopicPrefix();
        var topic = SampleTopic(prefix);
        var probe = new HandlerProbe();
        await using var consumer = await BusHost.StartAsync(Consumer(prefix, probe));

        await Database.StreamAddAsync(topic, "data",
            DaprShapedEntries.Sample("wrong-type-1", topic, key: "intruder", value: 3, type: "talentmesh.tests.v1.SomethingElse"));

        await Eventually.TrueAsync(async () => await Database.StreamLengthAsync(topic + ".deadletter") == 1, Deadline, "dead-lettered");
        var deadLetter = Assert.Single(await Database.StreamRangeAsync(topic + ".deadletter"));
        Assert.Contains("talentmesh.tests.v1.SomethingElse", deadLetter["reason"].ToString());
        Assert.Empty(probe.Invocations);
        Assert.Equal(0, await TotalAsync(prefix, "intruder"));
    }
}

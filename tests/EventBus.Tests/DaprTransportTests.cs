using Dapr.AppCallback.Autogen.Grpc.v1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TalentMesh.ServiceDefaults.Redis;
using TalentMesh.EventBus.Tests.Protos;
using TalentMesh.EventBus.Tests.Support;
using TalentMesh.Testing;
using static Dapr.AppCallback.Autogen.Grpc.v1.TopicEventResponse.Types;

namespace TalentMesh.EventBus.Tests;

/// <summary>The dapr transport against a hand-bound fake of daprd's runtime API and, inbound, called as daprd calls an app.</summary>
public sealed class DaprTransportTests(RedisServerFixture redis) : BusTestBase(redis)
{
    [Fact]
    public async Task Publish_ThroughSidecar_SendsPubSubTopicContentTypeAndCloudEventMetadata()
    {
        var prefix = TopicPrefix();
        await using var runtime = await GrpcTestServer.StartAsync(_ => { }, app => app.MapGrpcService<FakeDaprRuntime>());
        await using var producer = await BusHost.StartAsync(Producer(prefix) with { Transport = "Dapr", DaprGrpcEndpoint = runtime.Address });

        await producer.PublishAsync(Sample("via-dapr", value: 3));

        await Eventually.TrueAsync(() => FakeDaprRuntime.Published.Any(request => request.Topic == SampleTopic(prefix)), Deadline, "the sidecar received the event");
        var request = FakeDaprRuntime.Published.Single(candidate => candidate.Topic == SampleTopic(prefix));
        Assert.Equal("pubsub", request.PubsubName);
        Assert.Equal("application/json", request.DataContentType);
        Assert.True(Guid.TryParse(request.Metadata["cloudevent.id"], out _));
        Assert.Equal("talentmesh.tests.v1.SampleHappened", request.Metadata["cloudevent.type"]);
        Assert.Equal("producer", request.Metadata["cloudevent.source"]);
        Assert.Equal(Sample("via-dapr", value: 3), SampleHappened.Parser.ParseJson(request.Data.ToStringUtf8()));
        await Eventually.TrueAsync(async () => await Database.StreamLengthAsync(prefix + "producer:outbox") == 0, Deadline, "acked once the sidecar accepted it");
    }

    [Fact]
    public async Task AppCallback_CalledAsDaprdWould_ListsSubscriptionsAndMapsOutcomes()
    {
        var prefix = TopicPrefix();
        var probe = new HandlerProbe();
        probe.FailingKeys.Add("transient");
        var settings = Consumer(prefix, probe) with { Transport = "Dapr", DaprGrpcEndpoint = "http://127.0.0.1:1" };
        await using var app = await GrpcTestServer.StartAsync(builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings.ToConfiguration());
            builder.AddRedis();
            builder.AddEventBus();
            builder.Services.AddEventHandler<SampleHappened, SampleHandler>();
            builder.Services.AddSingleton(probe);
        }, web => web.MapEventBus());
        using var channel = GrpcChannel.ForAddress(app.Address);
        var daprd = new DaprdCaller(channel.CreateCallInvoker());
        var ct = TestContext.Current.CancellationToken;

        var subscriptions = await daprd.ListTopicSubscriptionsAsync(ct);
        var subscription = Assert.Single(subscriptions.Subscriptions);
        Assert.Equal(("pubsub", SampleTopic(prefix), SampleTopic(prefix) + ".deadletter"),
            (subscription.PubsubName, subscription.Topic, subscription.DeadLetterTopic));

        Assert.Equal(TopicEventResponseStatus.Success, (await daprd.OnTopicEventAsync(Event("e-1", prefix, Sample("ok", 2)), ct)).Status);
        Assert.Equal(TopicEventResponseStatus.Success, (await daprd.OnTopicEventAsync(Event("e-1", prefix, Sample("ok", 2)), ct)).Status);
        Assert.Equal(2, await TotalAsync(prefix, "ok"));
        Assert.Equal(TopicEventResponseStatus.Retry, (await daprd.OnTopicEventAsync(Event("e-2", prefix, Sample("transient")), ct)).Status);
        var poison = Event("e-3", prefix, Sample("poison"));
        poison.Data = ByteString.CopyFromUtf8("{\"value\": \"not a number\"}");
        Assert.Equal(TopicEventResponseStatus.Drop, (await daprd.OnTopicEventAsync(poison, ct)).Status);
        Assert.Equal(["e-1", "e-2"], probe.Invocations.Select(invocation => invocation.EventId));
    }

    private static TopicEventRequest Event(string id, string prefix, SampleHappened data) => new()
    {
        Id = id,
        Source = "producer",
        Type = "talentmesh.tests.v1.SampleHappened",
        SpecVersion = "1.0",
        DataContentType = "application/json",
        Data = ByteString.CopyFromUtf8(JsonFormatter.Default.Format(data)),
        Topic = SampleTopic(prefix),
        PubsubName = "pubsub",
        Extensions = new Struct { Fields = { ["traceparent"] = Value.ForString("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01") } },
    };
}

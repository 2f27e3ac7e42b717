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
        // Under this transport only daprd publishes: the commit wrote the outbox, never the topic stream.
        Assert.False(await Database.KeyExistsAsync(SampleTopic(prefix)));
    }

    [Fact]
    public async Task Commit_RefusedByTheData_NeitherStateNorOutboxEntry()
    {
        var prefix = TopicPrefix();
        await using var producer = await BusHost.StartAsync(Producer(prefix) with { Transport = "Dapr", DaprGrpcEndpoint = "http://127.0.0.1:1" });
        await Database.HashSetAsync(prefix + "counter", "f", "1");
        var unit = producer.UnitsOfWork.Begin();
        unit.Set(prefix + "state", "changed");
        unit.Increment(prefix + "counter"); // INCRBY on a hash: found before the first write
        unit.Publish(Sample("refused"));

        await Assert.ThrowsAsync<Outbox.CommitRefusedException>(unit.CommitAsync);

        Assert.False(await Database.KeyExistsAsync(prefix + "state"));
        Assert.Equal(0, await Database.StreamLengthAsync(prefix + "producer:outbox"));
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

    [Fact]
    public async Task AppCallback_BinaryAndTextData_ParsedByContentType()
    {
        var prefix = TopicPrefix();
        var probe = new HandlerProbe();
        await using var app = await StartAppCallbackAsync(prefix, probe);
        var daprd = new DaprdCaller(GrpcChannel.ForAddress(app.Address).CreateCallInvoker());
        var ct = TestContext.Current.CancellationToken;

        // daprd decodes data_base64 into Data and keeps the content type (dapr/dapr pkg/runtime/pubsub/subscriptions.go,
        // GRPCEnvelopeFromSubscriptionMessage); text content types arrive as their UTF-8 bytes.
        var binary = Event("b-1", prefix, Sample("binary", 2));
        binary.DataContentType = "application/octet-stream";
        binary.Data = Sample("binary", 2).ToByteString();
        var text = Event("t-1", prefix, Sample("text", 3));
        text.DataContentType = "text/plain";

        Assert.Equal(TopicEventResponseStatus.Success, (await daprd.OnTopicEventAsync(binary, ct)).Status);
        Assert.Equal(TopicEventResponseStatus.Success, (await daprd.OnTopicEventAsync(text, ct)).Status);
        Assert.Equal(2, await TotalAsync(prefix, "binary"));
        Assert.Equal(3, await TotalAsync(prefix, "text"));
    }

    [Fact]
    public async Task AppCallback_TypeTheTopicDoesNotCarry_Dropped()
    {
        var prefix = TopicPrefix();
        var probe = new HandlerProbe();
        await using var app = await StartAppCallbackAsync(prefix, probe);
        var daprd = new DaprdCaller(GrpcChannel.ForAddress(app.Address).CreateCallInvoker());
        var intruder = Event("w-1", prefix, Sample("intruder", 2));
        intruder.Type = "talentmesh.tests.v1.SomethingElse";

        var response = await daprd.OnTopicEventAsync(intruder, TestContext.Current.CancellationToken);

        Assert.Equal(TopicEventResponseStatus.Drop, response.Status);
        Assert.Empty(probe.Invocations);
    }

    [Fact]
    public async Task AppCallback_AppTokenConfigured_RefusesCallsWithoutTheToken()
    {
        var prefix = TopicPrefix();
        var probe = new HandlerProbe();
        await using var app = await StartAppCallbackAsync(prefix, probe, appApiToken: "s3cret-app-token");
        using var channel = GrpcChannel.ForAddress(app.Address);
        var ct = TestContext.Current.CancellationToken;

        foreach (var token in new[] { null, "", "wrong-token", "s3cret-app-tokeN" })
        {
            var daprd = new DaprdCaller(channel.CreateCallInvoker(), token);
            var refused = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => daprd.OnTopicEventAsync(Event("a-1", prefix, Sample("auth", 1)), ct));
            Assert.Equal(Grpc.Core.StatusCode.Unauthenticated, refused.StatusCode);
            var listRefused = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => daprd.ListTopicSubscriptionsAsync(ct));
            Assert.Equal(Grpc.Core.StatusCode.Unauthenticated, listRefused.StatusCode);
        }
        Assert.Empty(probe.Invocations);

        var trusted = new DaprdCaller(channel.CreateCallInvoker(), "s3cret-app-token");
        Assert.Single((await trusted.ListTopicSubscriptionsAsync(ct)).Subscriptions);
        Assert.Equal(TopicEventResponseStatus.Success, (await trusted.OnTopicEventAsync(Event("a-1", prefix, Sample("auth", 1)), ct)).Status);
        Assert.Equal(1, await TotalAsync(prefix, "auth"));
    }

    private async Task<GrpcTestServer> StartAppCallbackAsync(string prefix, HandlerProbe probe, string? appApiToken = null)
    {
        var settings = Consumer(prefix, probe) with { Transport = "Dapr", DaprGrpcEndpoint = "http://127.0.0.1:1" };
        var configuration = settings.ToConfiguration();
        if (appApiToken is not null)
            configuration["APP_API_TOKEN"] = appApiToken; // as the environment variable Kubernetes sets from the Secret
        return await GrpcTestServer.StartAsync(builder =>
        {
            builder.Configuration.AddInMemoryCollection(configuration);
            builder.AddRedis();
            builder.AddEventBus();
            builder.Services.AddEventHandler<SampleHappened, SampleHandler>();
            builder.Services.AddSingleton(probe);
        }, web => web.MapEventBus());
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

using Dapr.AppCallback.Autogen.Grpc.v1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace TalentMesh.EventBus.Tests.Support;

/// <summary>Calls an app's AppCallback service the way daprd does (Dapr.Protos has no client stub for it).</summary>
/// <remarks>With <paramref name="appApiToken"/>, every call carries it as daprd does: the <c>dapr-api-token</c> metadata header.</remarks>
public sealed class DaprdCaller(CallInvoker invoker, string? appApiToken = null)
{
    private const string Service = "dapr.proto.runtime.v1.AppCallback";

    private static readonly Method<Empty, ListTopicSubscriptionsResponse> ListTopicSubscriptionsMethod =
        new(MethodType.Unary, Service, "ListTopicSubscriptions", Marshaller(Empty.Parser), Marshaller(ListTopicSubscriptionsResponse.Parser));

    private static readonly Method<TopicEventRequest, TopicEventResponse> OnTopicEventMethod =
        new(MethodType.Unary, Service, "OnTopicEvent", Marshaller(TopicEventRequest.Parser), Marshaller(TopicEventResponse.Parser));

    public async Task<ListTopicSubscriptionsResponse> ListTopicSubscriptionsAsync(CancellationToken cancellationToken) =>
        await invoker.AsyncUnaryCall(ListTopicSubscriptionsMethod, null, Options(cancellationToken), new Empty());

    public async Task<TopicEventResponse> OnTopicEventAsync(TopicEventRequest request, CancellationToken cancellationToken) =>
        await invoker.AsyncUnaryCall(OnTopicEventMethod, null, Options(cancellationToken), request);

    private CallOptions Options(CancellationToken cancellationToken) =>
        new(appApiToken is null ? null : new Metadata { { "dapr-api-token", appApiToken } }, cancellationToken: cancellationToken);

    private static Marshaller<T> Marshaller<T>(MessageParser<T> parser) where T : IMessage<T> =>
        Marshallers.Create(message => message.ToByteArray(), parser.ParseFrom);
}

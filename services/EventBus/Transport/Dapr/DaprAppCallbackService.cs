using System.Globalization;
using Dapr.AppCallback.Autogen.Grpc.v1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Options;
using TalentMesh.EventBus.Events;
using TalentMesh.EventBus.Handling;
using static Dapr.AppCallback.Autogen.Grpc.v1.TopicEventResponse.Types;

namespace TalentMesh.EventBus.Transport.Dapr;

/// <summary>
/// Dapr's AppCallback on the service's own gRPC port: tells daprd what to subscribe to (with a dead-letter topic
/// each) and receives events, answering SUCCESS / RETRY / DROP. Delivery retries are daprd's Resiliency policy.
/// Every call must carry Dapr's app API token when one is configured (<see cref="AppApiToken"/>).
/// </summary>
public sealed class DaprAppCallbackService(
    SubscriptionRegistry subscriptions, EventDispatcher dispatcher, TopicNames topics, AppApiToken token, IOptions<EventBusOptions> options)
    : AppCallback.AppCallbackBase
{
    public override Task<ListTopicSubscriptionsResponse> ListTopicSubscriptions(Empty request, ServerCallContext context)
    {
        token.Verify(context);
        var response = new ListTopicSubscriptionsResponse();
        response.Subscriptions.AddRange(subscriptions.All.Select(subscription => new TopicSubscription
        {
            PubsubName = options.Value.PubSubName,
            Topic = topics.Physical(subscription.Topic),
            DeadLetterTopic = topics.DeadLetter(subscription.Topic),
        }));
        return Task.FromResult(response);
    }

    public override async Task<TopicEventResponse> OnTopicEvent(TopicEventRequest request, ServerCallContext context)
    {
        token.Verify(context);
        var delivery = await dispatcher.DispatchAsync(ToIncoming(request), context.CancellationToken);
        return new TopicEventResponse
        {
            Status = delivery.Outcome switch
            {
                DeliveryOutcome.Success => TopicEventResponseStatus.Success,
                DeliveryOutcome.Retry => TopicEventResponseStatus.Retry,
                _ => TopicEventResponseStatus.Drop,
            },
        };
    }

    public override Task<ListInputBindingsResponse> ListInputBindings(Empty request, ServerCallContext context)
    {
        token.Verify(context);
        return Task.FromResult(new ListInputBindingsResponse());
    }

    public override Task<global::Dapr.Client.Autogen.Grpc.v1.InvokeResponse> OnInvoke(global::Dapr.Client.Autogen.Grpc.v1.InvokeRequest request, ServerCallContext context)
    {
        token.Verify(context);
        throw new RpcException(new Status(StatusCode.Unimplemented, "This app serves no service invocation."));
    }

    public override Task<BindingEventResponse> OnBindingEvent(BindingEventRequest request, ServerCallContext context)
    {
        token.Verify(context);
        throw new RpcException(new Status(StatusCode.Unimplemented, "This app has no input bindings."));
    }

    /// <summary>
    /// daprd hands over data_base64 decoded and text as its UTF-8 bytes, with the content type
    /// (dapr/dapr pkg/runtime/pubsub/subscriptions.go GRPCEnvelopeFromSubscriptionMessage).
    /// </summary>
    private IncomingEvent ToIncoming(TopicEventRequest request)
    {
        string? Extension(string name) =>
            request.Extensions?.Fields.TryGetValue(name, out var value) == true && value.KindCase == Value.KindOneofCase.StringValue
                ? value.StringValue : null;
        DateTimeOffset? time = DateTimeOffset.TryParse(Extension("time"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)
            ? parsed : null;
        var incoming = new IncomingEvent(request.Id, topics.Logical(request.Topic), request.Type, request.Source, time,
            "", Extension("traceparent"), Extension("tracestate"), DeliveryAttempt: 0);
        return CloudEventCodec.WithData(incoming, request.Data.ToByteArray(), request.DataContentType);
    }
}

using System.Globalization;
using Dapr.AppCallback.Autogen.Grpc.v1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Options;
using TalentMesh.EventBus.Handling;
using static Dapr.AppCallback.Autogen.Grpc.v1.TopicEventResponse.Types;

namespace TalentMesh.EventBus.Transport.Dapr;

/// <summary>
/// Dapr's AppCallback on the service's own gRPC port: tells daprd what to subscribe to (with a dead-letter topic
/// each) and receives events, answering SUCCESS / RETRY / DROP. Delivery retries are daprd's Resiliency policy.
/// </summary>
public sealed class DaprAppCallbackService(
    SubscriptionRegistry subscriptions, EventDispatcher dispatcher, TopicNames topics, IOptions<EventBusOptions> options)
    : AppCallback.AppCallbackBase
{
    public override Task<ListTopicSubscriptionsResponse> ListTopicSubscriptions(Empty request, ServerCallContext context)
    {
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
        var outcome = await dispatcher.DispatchAsync(ToIncoming(request), context.CancellationToken);
        return new TopicEventResponse
        {
            Status = outcome switch
            {
                DeliveryOutcome.Success => TopicEventResponseStatus.Success,
                DeliveryOutcome.Retry => TopicEventResponseStatus.Retry,
                _ => TopicEventResponseStatus.Drop,
            },
        };
    }

    public override Task<ListInputBindingsResponse> ListInputBindings(Empty request, ServerCallContext context) =>
        Task.FromResult(new ListInputBindingsResponse());

    private IncomingEvent ToIncoming(TopicEventRequest request)
    {
        string? Extension(string name) =>
            request.Extensions?.Fields.TryGetValue(name, out var value) == true && value.KindCase == Value.KindOneofCase.StringValue
                ? value.StringValue : null;
        DateTimeOffset? time = DateTimeOffset.TryParse(Extension("time"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)
            ? parsed : null;
        return new IncomingEvent(request.Id, topics.Logical(request.Topic), request.Type, request.Source, time,
            request.Data.ToStringUtf8(), Extension("traceparent"), Extension("tracestate"), DeliveryAttempt: 0);
    }
}

using System.Collections.Concurrent;
using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace TalentMesh.EventBus.Tests.Support;

/// <summary>
/// Stands in for daprd's runtime API (dapr.proto.runtime.v1.Dapr) so the dapr transport can be tested without a
/// sidecar. Dapr.Protos ships client stubs only, so the one method we need is bound by hand.
/// </summary>
[BindServiceMethod(typeof(FakeDaprRuntime), nameof(BindService))]
public class FakeDaprRuntime
{
    public static ConcurrentQueue<PublishEventRequest> Published { get; } = new();

    private static readonly Method<PublishEventRequest, Empty> PublishEventMethod = new(
        MethodType.Unary, "dapr.proto.runtime.v1.Dapr", "PublishEvent",
        Marshallers.Create(message => message.ToByteArray(), PublishEventRequest.Parser.ParseFrom),
        Marshallers.Create(message => message.ToByteArray(), Empty.Parser.ParseFrom));

    public virtual Task<Empty> PublishEvent(PublishEventRequest request, ServerCallContext context)
    {
        Published.Enqueue(request);
        return Task.FromResult(new Empty());
    }

    public static void BindService(ServiceBinderBase binder, FakeDaprRuntime? service) =>
        binder.AddMethod(PublishEventMethod, service is null ? null : new UnaryServerMethod<PublishEventRequest, Empty>(service.PublishEvent));
}

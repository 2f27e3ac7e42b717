using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Polly.CircuitBreaker;
using Polly.Timeout;
using TalentMesh.ServiceDefaults.Resilience;

namespace TalentMesh.ServiceDefaults.Errors;

/// <summary>The one place where exceptions become gRPC statuses with google.rpc details.</summary>
public static class RpcStatusMapper
{
    public const string ErrorDomain = "talentmesh";

    /// <summary>Returns the status for an exception a caller could cause or a dependency outage; null otherwise.</summary>
    public static RpcException? TryMap(Exception exception) => exception switch
    {
        ValidationFailedException invalid => Build(Code.InvalidArgument, invalid.Message, Any.Pack(ToBadRequest(invalid))),
        WorkflowViolationException { Reason: { } reason } workflow => Build(Code.FailedPrecondition, workflow.Message,
            Any.Pack(new ErrorInfo { Domain = ErrorDomain, Reason = reason })),
        DomainException domain => Build((Code)(int)domain.StatusCode, domain.Message),
        // Open after repeated failures: refused without touching the data store, until the break ends.
        BrokenCircuitException open => Unavailable("The data store is unavailable: the circuit is open after repeated failures. Retry later.",
            open.RetryAfter is { } after && after > TimeSpan.Zero ? after : DefaultRetryDelay),
        TimeoutRejectedException => Unavailable("The data store did not answer in time. Retry later."),
        _ when RedisTransientFailures.IsTransient(exception) => Unavailable("The data store is unavailable. Retry later."),
        _ => null,
    };

    private static readonly TimeSpan DefaultRetryDelay = TimeSpan.FromSeconds(1);

    private static RpcException Unavailable(string message, TimeSpan? retryDelay = null) =>
        Build(Code.Unavailable, message, Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(retryDelay ?? DefaultRetryDelay) }));

    private static BadRequest ToBadRequest(ValidationFailedException invalid)
    {
        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(invalid.Violations.Select(v =>
            new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
        return badRequest;
    }

    private static RpcException Build(Code code, string message, params Any[] details)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        status.Details.AddRange(details);
        return status.ToRpcException();
    }
}

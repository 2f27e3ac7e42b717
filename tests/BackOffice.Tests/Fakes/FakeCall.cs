using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace TalentMesh.BackOffice.Tests.Fakes;

/// <summary>Unary calls answered by a function: a value, or the RpcException it throws.</summary>
public static class FakeCall
{
    public static AsyncUnaryCall<T> From<T>(Func<T> answer)
    {
        try
        {
            return Completed(Task.FromResult(answer()), Grpc.Core.Status.DefaultSuccess);
        }
        catch (RpcException exception)
        {
            return Completed(Task.FromException<T>(exception), exception.Status);
        }
    }

    public static RpcException Unimplemented(string method) => new(new Grpc.Core.Status(StatusCode.Unimplemented, method + " is not faked in this test"));

    public static RpcException Unavailable() => new(new Grpc.Core.Status(StatusCode.Unavailable, "connection refused"));

    /// <summary>INVALID_ARGUMENT with google.rpc.BadRequest field violations, as the services answer bad input.</summary>
    public static RpcException FieldViolations(params (string Field, string Description)[] violations)
    {
        var badRequest = new BadRequest();
        foreach (var (field, description) in violations)
            badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = field, Description = description });
        return new Google.Rpc.Status { Code = (int)Code.InvalidArgument, Message = "invalid request", Details = { Any.Pack(badRequest) } }.ToRpcException();
    }

    public static RpcException FailedPrecondition(string message) =>
        new Google.Rpc.Status { Code = (int)Code.FailedPrecondition, Message = message }.ToRpcException();

    private static AsyncUnaryCall<T> Completed<T>(Task<T> response, Grpc.Core.Status status) =>
        new(response, Task.FromResult(new Metadata()), () => status, () => [], () => { });
}

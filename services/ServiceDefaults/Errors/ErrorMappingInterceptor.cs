using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;

namespace TalentMesh.ServiceDefaults.Errors;

/// <summary>
/// Maps domain and dependency failures to gRPC statuses. Anything unmapped is a bug: it is logged
/// and surfaces as INTERNAL without leaking the exception text to the caller.
/// </summary>
public sealed class ErrorMappingInterceptor(ILogger<ErrorMappingInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception exception) when (exception is not RpcException)
        {
            throw Translate(exception, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception exception) when (exception is not RpcException)
        {
            throw Translate(exception, context);
        }
    }

    private RpcException Translate(Exception exception, ServerCallContext context)
    {
        if (exception is OperationCanceledException && context.CancellationToken.IsCancellationRequested)
            return new RpcException(new Status(StatusCode.Cancelled, "The call was cancelled."));
        if (RpcStatusMapper.TryMap(exception) is { } mapped)
        {
            if (mapped.StatusCode == StatusCode.Unavailable)
                logger.LogWarning("{Method} failed: dependency unavailable ({ExceptionType})", context.Method, exception.GetType().Name);
            return mapped;
        }
        logger.LogError(exception, "{Method} failed with an unexpected error", context.Method);
        return new RpcException(new Status(StatusCode.Internal, "An unexpected error occurred."));
    }
}

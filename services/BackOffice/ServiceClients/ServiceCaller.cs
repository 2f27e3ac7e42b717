using Grpc.Core;
using Microsoft.Extensions.Options;

namespace TalentMesh.BackOffice.ServiceClients;

/// <summary>
/// Runs one unary call with the configured deadline and turns its outcome into a <see cref="CallResult{T}"/>. An
/// outage (Unavailable, DeadlineExceeded) marks the service down for the banner; any answer marks it up again, so
/// the rest of the page keeps working while one service is away.
/// </summary>
public sealed class ServiceCaller(ServiceAvailability availability, IOptions<MeshServicesOptions> options, TimeProvider time)
{
    public async Task<CallResult<T>> CallAsync<T>(MeshService service, Func<CallOptions, AsyncUnaryCall<T>> call, CancellationToken cancellationToken = default)
    {
        var deadline = time.GetUtcNow().UtcDateTime + options.Value.CallTimeout;
        try
        {
            var value = await call(new CallOptions(deadline: deadline, cancellationToken: cancellationToken));
            availability.ReportUp(service);
            return new CallResult<T>(value, null);
        }
        catch (RpcException exception)
        {
            if (ServiceAvailability.IsOutage(exception.StatusCode))
                availability.ReportDown(service, exception.Status.Detail);
            else
                availability.ReportUp(service);
            return new CallResult<T>(default, CallProblem.From(exception));
        }
    }
}

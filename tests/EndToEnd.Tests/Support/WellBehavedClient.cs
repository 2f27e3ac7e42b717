using Google.Rpc;
using Grpc.Core;

namespace TalentMesh.EndToEnd.Tests.Support;

/// <summary>What a well-behaved client does with UNAVAILABLE ("retry later"): waits what the service's RetryInfo says
/// (100 ms when it says nothing) and sends the same request again — its idempotency key makes that safe.</summary>
public static class WellBehavedClient
{
    public static async Task<T> UntilAvailableAsync<T>(Func<Task<T>> call, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            try
            {
                return await call();
            }
            catch (RpcException error) when (error.StatusCode == StatusCode.Unavailable && DateTime.UtcNow < deadline)
            {
                // Waiting, not hammering: UNAVAILABLE comes back at once while a circuit is open, and hammering would
                // hit the per-applicant registration rate limit (RESOURCE_EXHAUSTED).
                var delay = error.GetRpcStatus()?.GetDetail<RetryInfo>() is { RetryDelay: { } retryDelay } ? retryDelay.ToTimeSpan() : TimeSpan.FromMilliseconds(100);
                await Task.Delay(delay);
            }
        }
    }
}

using Google.Rpc;
using Grpc.Core;

namespace TalentMesh.Registration.Tests.Service;

public static class Statuses
{
    public static async Task<RpcException> FailsWith(StatusCode expected, Func<Task> call)
    {
        var failure = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(expected, failure.StatusCode);
        return failure;
    }

    /// <summary>The fields named by the google.rpc.BadRequest detail of an INVALID_ARGUMENT.</summary>
    public static string[] Fields(RpcException failure) =>
        failure.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations.Select(v => v.Field).Order().ToArray() ?? [];
}

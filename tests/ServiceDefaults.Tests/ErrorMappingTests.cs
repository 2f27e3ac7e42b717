using Google.Rpc;
using Grpc.Core;
using TalentMesh.ServiceDefaults.Security;
using TalentMesh.ServiceDefaults.Tests.Protos;
using TalentMesh.ServiceDefaults.Tests.Support;
using TalentMesh.Testing;

namespace TalentMesh.ServiceDefaults.Tests;

public sealed class ErrorMappingTests(RedisServerFixture redis)
{
    [Fact]
    public async Task ValidationFailure_IsInvalidArgument_WithBadRequestListingEveryField()
    {
        await using var host = await TestServiceHost.StartAsync(redis.ConnectionString, TestKeys.Prefix());
        var token = host.Tokens.Issue("talent-2", Roles.Applicant);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            host.Probe.ValidateAsync(new ValidateRequest { Name = "", Age = -1 }, TestServiceHost.Call(token)).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var status = error.GetRpcStatus();
        Assert.NotNull(status);
        Assert.Equal((int)Code.InvalidArgument, status.Code);
        var badRequest = status.GetDetail<BadRequest>();
        Assert.NotNull(badRequest);
        Assert.Equal(["name", "age"], badRequest.FieldViolations.Select(v => v.Field));
        Assert.All(badRequest.FieldViolations, v => Assert.False(string.IsNullOrWhiteSpace(v.Description)));
    }

    [Fact]
    public async Task UnexpectedException_IsInternal_WithoutLeakingItsText()
    {
        await using var host = await TestServiceHost.StartAsync(redis.ConnectionString, TestKeys.Prefix());
        var token = host.Tokens.Issue("talent-3", Roles.Applicant);
        const string secret = "s3cr3t-connection-string-4242";

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            host.Probe.ExplodeAsync(new ExplodeRequest { Secret = secret }, TestServiceHost.Call(token)).ResponseAsync);

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.DoesNotContain(secret, error.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Something internal broke", error.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(InvalidOperationException), error.Status.Detail, StringComparison.Ordinal);
        Assert.All(error.Trailers.Where(entry => !entry.IsBinary),
            entry => Assert.DoesNotContain(secret, entry.Value, StringComparison.Ordinal));
    }
}

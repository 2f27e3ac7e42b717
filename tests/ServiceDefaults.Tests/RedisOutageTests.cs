using System.Net;
using Google.Rpc;
using Grpc.Core;
using Grpc.Health.V1;
using HealthClient = Grpc.Health.V1.Health.HealthClient;
using TalentMesh.ServiceDefaults.Redis;
using TalentMesh.ServiceDefaults.Security;
using TalentMesh.ServiceDefaults.Tests.Protos;
using TalentMesh.ServiceDefaults.Tests.Support;
using TalentMesh.Testing;

namespace TalentMesh.ServiceDefaults.Tests;

/// <summary>Redis goes down under a running service and comes back: fail fast with UNAVAILABLE, recover unaided.</summary>
public sealed class RedisOutageTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RedisDown_CallsFailFastWithUnavailable_AndRecoverWhenRedisIsBack()
    {
        // A private redis-server: this test kills it, which must not disturb the other tests.
        await using var redis = await RedisServer.StartNewAsync();
        var prefix = TestKeys.Prefix();
        await using var host = await TestServiceHost.StartAsync(redis.ConnectionString, prefix);
        var token = host.Tokens.Issue("talent-1", Roles.Applicant);
        var health = new HealthClient(host.Channel);

        var before = await host.Probe.TouchAsync(new TouchRequest { Key = "outage" }, TestServiceHost.Call(token));
        Assert.Equal(1, before.Count);
        Assert.Equal(HttpStatusCode.OK, await host.Http.StatusOfAsync("/readyz"));

        await redis.StopAsync();

        // Every call while Redis is down is UNAVAILABLE with RetryInfo; after a few the breaker opens and says so.
        RpcException? open = null;
        await Eventually.TrueAsync(async () =>
        {
            var error = await Assert.ThrowsAsync<RpcException>(() =>
                host.Probe.TouchAsync(new TouchRequest { Key = "outage" }, TestServiceHost.Call(token)).ResponseAsync);
            Assert.Equal(StatusCode.Unavailable, error.StatusCode);
            Assert.NotNull(error.GetRpcStatus()?.GetDetail<RetryInfo>());
            if (error.Status.Detail.Contains("circuit is open", StringComparison.Ordinal))
                open = error;
            return open is not null;
        }, Deadline, "calls while Redis is down never reported an open circuit");
        Assert.Equal(Code.Unavailable, (Code)open!.GetRpcStatus()!.Code);

        // Not ready (so traffic drains), but alive (so nothing restarts the pod).
        await Eventually.TrueAsync(async () => await host.Http.StatusOfAsync("/readyz") == HttpStatusCode.ServiceUnavailable,
            Deadline, "/readyz did not report 503 while Redis was down");
        Assert.Equal(HttpStatusCode.OK, await host.Http.StatusOfAsync("/healthz"));
        var down = await health.CheckAsync(new HealthCheckRequest(), TestServiceHost.Call());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, down.Status);

        await redis.StartAsync();

        // The same host, untouched, serves again once Redis answers (reconnect + half-open probe closes the circuit).
        await TouchOnceAvailableAsync(host, redis, new RedisKeyspace(prefix), token, "outage", "Touch did not succeed again after Redis came back");

        await Eventually.TrueAsync(async () => await host.Http.StatusOfAsync("/readyz") == HttpStatusCode.OK,
            Deadline, "/readyz did not report 200 after Redis came back");
        Assert.Equal(HttpStatusCode.OK, await host.Http.StatusOfAsync("/healthz"));
    }

    [Fact]
    public async Task ServiceStartsWhileRedisIsDown_AndServesOnceRedisIsUp()
    {
        await using var redis = await RedisServer.StartNewAsync();
        await redis.StopAsync();
        var prefix = TestKeys.Prefix();
        await using var host = await TestServiceHost.StartAsync(redis.ConnectionString, prefix);
        var token = host.Tokens.Issue("talent-9", Roles.Applicant);

        Assert.Equal(HttpStatusCode.OK, await host.Http.StatusOfAsync("/healthz"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await host.Http.StatusOfAsync("/readyz"));
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            host.Probe.TouchAsync(new TouchRequest { Key = "late" }, TestServiceHost.Call(token)).ResponseAsync);
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);

        await redis.StartAsync();

        await Eventually.TrueAsync(async () => await host.Http.StatusOfAsync("/readyz") == HttpStatusCode.OK,
            Deadline, "/readyz did not report 200 once Redis was up");
        await TouchOnceAvailableAsync(host, redis, new RedisKeyspace(prefix), token, "late", "Touch did not succeed once Redis was up");
    }

    /// <summary>
    /// Touches until the call is no longer UNAVAILABLE (any other failure fails the test at once), and checks that the
    /// count it answered was stored in the restarted server.
    /// </summary>
    private static async Task TouchOnceAvailableAsync(TestServiceHost host, RedisServer redis, RedisKeyspace keyspace,
        string token, string key, string because)
    {
        TouchReply? reply = null;
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                reply = await host.Probe.TouchAsync(new TouchRequest { Key = key }, TestServiceHost.Call(token));
                return true;
            }
            catch (RpcException error) when (error.StatusCode == StatusCode.Unavailable)
            {
                return false;
            }
        }, Deadline, because);
        // An earlier attempt whose reply was lost may still have landed, so the stored count can only be higher.
        await using var connection = await redis.ConnectAsync();
        Assert.InRange((long)await connection.GetDatabase().StringGetAsync(keyspace.Key("touch", key)), reply!.Count, long.MaxValue);
    }
}

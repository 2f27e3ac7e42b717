using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Health.V1;
using HealthClient = Grpc.Health.V1.Health.HealthClient;
using TalentMesh.ServiceDefaults.Redis;
using TalentMesh.ServiceDefaults.Security;
using TalentMesh.ServiceDefaults.Tests.Support;
using TalentMesh.Testing;

namespace TalentMesh.ServiceDefaults.Tests;

/// <summary>What the two ports serve besides the gRPC API: health, JSON transcoding, metrics.</summary>
public sealed class EndpointTests(RedisServerFixture redis)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task GrpcHealthService_ReportsServing_WhenRedisIsUp()
    {
        await using var host = await TestServiceHost.StartAsync(redis.ConnectionString, TestKeys.Prefix());
        var health = new HealthClient(host.Channel);

        var reply = await health.CheckAsync(new HealthCheckRequest(), TestServiceHost.Call());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    [Fact]
    public async Task HealthEndpoints_AreServedAnonymouslyOnTheHttpPort()
    {
        await using var host = await TestServiceHost.StartAsync(redis.ConnectionString, TestKeys.Prefix());

        Assert.Equal(HttpStatusCode.OK, await host.Http.StatusOfAsync("/healthz"));
        Assert.Equal(HttpStatusCode.OK, await host.Http.StatusOfAsync("/readyz"));
    }

    [Fact]
    public async Task JsonTranscoding_OnTheHttpPort_ReachesTouch()
    {
        var prefix = TestKeys.Prefix();
        await using var host = await TestServiceHost.StartAsync(redis.ConnectionString, prefix);
        var token = host.Tokens.Issue("talent-5", Roles.Applicant);
        var ct = TestContext.Current.CancellationToken;

        using var anonymous = await host.Http.PostAsync("/v1/probe/json:touch", JsonContent.Create(new { }), ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        using var post = new HttpRequestMessage(HttpMethod.Post, "/v1/probe/json:touch") { Content = JsonContent.Create(new { }) };
        post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var posted = await host.Http.SendAsync(post, ct);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal("application/json", posted.Content.Headers.ContentType?.MediaType);
        using (var json = JsonDocument.Parse(await posted.Content.ReadAsStringAsync(ct)))
        {
            // proto3 JSON mapping: int64 as a string (GrpcJsonSettings.WriteInt64sAsStrings is on).
            Assert.Equal("1", json.RootElement.GetProperty("count").GetString());
            Assert.Equal("talent-5", json.RootElement.GetProperty("caller").GetString());
        }

        using var get = new HttpRequestMessage(HttpMethod.Get, "/v1/probe/json");
        get.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var got = await host.Http.SendAsync(get, ct);
        Assert.Equal(HttpStatusCode.OK, got.StatusCode);
        using (var json = JsonDocument.Parse(await got.Content.ReadAsStringAsync(ct)))
            Assert.Equal("2", json.RootElement.GetProperty("count").GetString());

        // The counter lives under the service's key prefix.
        Assert.Equal(2, (long)await redis.Connection.GetDatabase().StringGetAsync(new RedisKeyspace(prefix).Key("touch", "json")));
    }

    [Fact]
    public async Task Metrics_ArePrometheusText()
    {
        await using var host = await TestServiceHost.StartAsync(redis.ConnectionString, TestKeys.Prefix());
        var ct = TestContext.Current.CancellationToken;

        string? body = null;
        await Eventually.TrueAsync(async () =>
        {
            using var response = await host.Http.GetAsync("/metrics", ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
            body = await response.Content.ReadAsStringAsync(ct);
            return body.Split('\n').Any(line => line.StartsWith("# TYPE ", StringComparison.Ordinal));
        }, Deadline, "/metrics never listed a metric");

        // A metric line is "name{labels} value" or "name value" after its TYPE line.
        Assert.Contains(body!.Split('\n'), line => line.Length > 0 && !line.StartsWith('#') && line.Contains(' '));
    }
}

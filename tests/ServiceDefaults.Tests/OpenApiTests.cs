using System.Net;
using System.Text.Json;
using TalentMesh.ServiceDefaults.Tests.Support;
using TalentMesh.Testing;

namespace TalentMesh.ServiceDefaults.Tests;

/// <summary>Every service describes its JSON transcoding in OpenAPI, generated from the gRPC contract.</summary>
public sealed class OpenApiTests(RedisServerFixture redis)
{
    [Fact]
    public async Task Document_DescribesTheTranscodedRoutes_Anonymously()
    {
        await using var host = await TestServiceHost.StartAsync(redis.ConnectionString, TestKeys.Prefix());
        using var response = await host.Http.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var paths = document.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/v1/probe/{key}:touch", out var touch), paths.GetRawText());
        Assert.True(touch.TryGetProperty("post", out _));
        Assert.True(paths.TryGetProperty("/v1/probe/{key}", out var get) && get.TryGetProperty("get", out _));
        // proto3 JSON: an int64 travels as a string.
        var count = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("TouchReply")
            .GetProperty("properties").GetProperty("count");
        Assert.Equal("string", count.GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("Development", HttpStatusCode.OK)]
    [InlineData("Production", HttpStatusCode.Unauthorized)]
    public async Task ApiReferencePage_IsServedInDevelopmentOnly(string environment, HttpStatusCode expected)
    {
        await using var host = await TestServiceHost.StartAsync(redis.ConnectionString, TestKeys.Prefix(), environment: environment,
            configure: settings =>
            {
                if (environment != "Development")
                    (settings["Auth:Authority"], settings["Auth:RequireHttpsMetadata"], settings["Auth:SigningKey"]) = ("http://127.0.0.1:9/", "false", null);
            });
        // Outside Development the path is nobody's page: gRPC's catch-all for unknown services asks for a token.
        using var response = await host.Http.GetAsync("/swagger/index.html", TestContext.Current.CancellationToken);
        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK)
            Assert.Contains("swagger-ui", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}

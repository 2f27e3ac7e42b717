using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TalentMesh.ServiceDefaults.Security;
using TalentMesh.ServiceDefaults.Tests.Protos;
using TalentMesh.ServiceDefaults.Tests.Support;
using TalentMesh.Testing;

namespace TalentMesh.ServiceDefaults.Tests;

/// <summary><c>POST /dev/tokens</c>: local tools mint tokens from a Development mesh, and from nothing else.</summary>
public sealed class DevelopmentTokenEndpointTests(RedisServerFixture redis)
{
    [Fact]
    public async Task Mint_InDevelopment_ReturnsATokenTheServiceAccepts()
    {
        await using var host = await TestServiceHost.StartAsync(redis.ConnectionString, TestKeys.Prefix());
        var ct = TestContext.Current.CancellationToken;

        using var response = await host.Http.PostAsJsonAsync(DevelopmentTokenEndpoint.Path,
            new { role = "admin", subject = "admin-42", lifetimeMinutes = 5 }, ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        var token = body.RootElement.GetProperty("token").GetString()!;
        var expiresAt = body.RootElement.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expiresAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));
        var reply = await host.Probe.AdminOnlyAsync(new AdminOnlyRequest(), TestServiceHost.Call(token));
        Assert.Equal("admin-42", reply.Subject);
    }

    [Fact]
    public async Task Mint_WithoutLifetime_LastsAnHour()
    {
        await using var host = await TestServiceHost.StartAsync(redis.ConnectionString, TestKeys.Prefix());
        var ct = TestContext.Current.CancellationToken;

        using var response = await host.Http.PostAsJsonAsync(DevelopmentTokenEndpoint.Path, new { role = "hr", subject = "hr-1" }, ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var minted = await response.Content.ReadFromJsonAsync<DevelopmentTokenResponse>(ct);
        Assert.InRange(minted!.ExpiresAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(60));
    }

    [Theory]
    [InlineData("""{"role":"superuser","subject":"x-1"}""", "role")]
    [InlineData("""{"subject":"x-1"}""", "role")]
    [InlineData("""{"role":"hr","subject":"  "}""", "subject")]
    [InlineData("""{"role":"hr","subject":"hr-1","lifetimeMinutes":0}""", "lifetimeMinutes")]
    public async Task Mint_WithABadField_IsBadRequestNamingTheField(string json, string field)
    {
        await using var host = await TestServiceHost.StartAsync(redis.ConnectionString, TestKeys.Prefix());
        var ct = TestContext.Current.CancellationToken;

        using var response = await host.Http.PostAsync(DevelopmentTokenEndpoint.Path,
            new StringContent(json, MediaTypeHeaderValue.Parse("application/json")), ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        var errors = body.RootElement.GetProperty("errors");
        Assert.Equal([field], errors.EnumerateObject().Select(error => error.Name));
        Assert.False(body.RootElement.TryGetProperty("token", out _));
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public async Task Route_WithAnIdentityProvider_DoesNotExist(string environment)
    {
        // Production never has the shared key; Development may use a provider too — either way, no key, no minting.
        await using var provider = await LoopbackIdentityProvider.StartAsync();
        await using var host = await TestServiceHost.StartAsync(redis.ConnectionString, TestKeys.Prefix(), settings =>
        {
            settings.Remove("Auth:SigningKey");
            settings["Auth:Issuer"] = "";
            settings["Auth:Authority"] = provider.Issuer;
            settings["Auth:RequireHttpsMetadata"] = "false";
        }, environment);
        var audience = host.App.Services.GetRequiredService<IOptions<AuthOptions>>().Value.Audience;
        var ct = TestContext.Current.CancellationToken;

        // Anonymous callers meet the fallback policy, as on any unknown path; a signed-in caller sees there is no route.
        using var anonymous = await host.Http.PostAsJsonAsync(DevelopmentTokenEndpoint.Path, new { role = "admin", subject = "a-1" }, ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Post, DevelopmentTokenEndpoint.Path)
        {
            Content = JsonContent.Create(new { role = "admin", subject = "a-1" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", provider.Issue("hr-1", Roles.Hr, audience, Roles.RoleClaim));
        using var signedIn = await host.Http.SendAsync(request, ct);
        Assert.Equal(HttpStatusCode.NotFound, signedIn.StatusCode);
    }
}

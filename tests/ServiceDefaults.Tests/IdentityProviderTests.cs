using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TalentMesh.ServiceDefaults.Security;
using TalentMesh.ServiceDefaults.Tests.Protos;
using TalentMesh.ServiceDefaults.Tests.Support;
using TalentMesh.Testing;

namespace TalentMesh.ServiceDefaults.Tests;

/// <summary>Production trusts an OpenID Connect provider's asymmetric keys; the shared development key is refused there.</summary>
public sealed class IdentityProviderTests(RedisServerFixture redis) : IAsyncLifetime
{
    private const string RoleClaim = "roles";
    private LoopbackIdentityProvider provider = null!;
    private TestServiceHost host = null!;

    public async ValueTask InitializeAsync()
    {
        provider = await LoopbackIdentityProvider.StartAsync();
        host = await TestServiceHost.StartAsync(redis.ConnectionString, TestKeys.Prefix(), settings =>
        {
            settings.Remove("Auth:SigningKey");
            settings["Auth:Issuer"] = "";
            settings["Auth:Authority"] = provider.Issuer;
            settings["Auth:RequireHttpsMetadata"] = "false";
            settings["Auth:RoleClaim"] = RoleClaim;
        }, environment: "Production");
    }

    public async ValueTask DisposeAsync()
    {
        await host.DisposeAsync();
        await provider.DisposeAsync();
    }

    [Fact]
    public async Task ProviderToken_WithRoleInConfiguredClaim_IsAccepted()
    {
        var token = provider.Issue("admin-7", Roles.Admin, Audience, RoleClaim);
        var reply = await host.Probe.AdminOnlyAsync(new AdminOnlyRequest(), TestServiceHost.Call(token));
        Assert.Equal("admin-7", reply.Subject);
    }

    [Fact]
    public async Task ProviderToken_WithRoleInAnotherClaim_IsPermissionDenied()
    {
        var token = provider.Issue("admin-8", Roles.Admin, Audience, "role");
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            host.Probe.AdminOnlyAsync(new AdminOnlyRequest(), TestServiceHost.Call(token)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task SharedKeyToken_UnderProvider_IsUnauthenticated()
    {
        var forged = new AccessTokenIssuer(Options.Create(new AuthOptions
        {
            Issuer = provider.Issuer, Audience = Audience, RoleClaim = RoleClaim,
            SigningKey = "talentmesh-tests-signing-key-not-a-secret-0123456789",
        }), TimeProvider.System).Issue("admin-9", Roles.Admin);
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            host.Probe.AdminOnlyAsync(new AdminOnlyRequest(), TestServiceHost.Call(forged)).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task SharedSigningKey_OutsideDevelopment_FailsStart(string environment)
    {
        var settings = TestServiceHost.Settings(redis.ConnectionString, TestKeys.Prefix());
        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var app = TestServiceHost.Build(settings, environment);
            await app.StartAsync(TestContext.Current.CancellationToken);
        });
        Assert.Equal(typeof(AuthOptions), error.OptionsType);
        Assert.Contains(error.Failures, failure => failure.Contains("'SigningKey'", StringComparison.Ordinal) && failure.Contains(environment));
    }

    private string Audience => host.App.Services.GetRequiredService<IOptions<AuthOptions>>().Value.Audience;
}

using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TalentMesh.ServiceDefaults.Security;
using TalentMesh.ServiceDefaults.Tests.Protos;
using TalentMesh.ServiceDefaults.Tests.Support;
using TalentMesh.Testing;

namespace TalentMesh.ServiceDefaults.Tests;

public sealed class AuthenticationTests(RedisServerFixture redis) : IAsyncLifetime
{
    private TestServiceHost host = null!;

    public async ValueTask InitializeAsync() =>
        host = await TestServiceHost.StartAsync(redis.ConnectionString, TestKeys.Prefix());

    public ValueTask DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task NoToken_IsUnauthenticated()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            host.Probe.TouchAsync(new TouchRequest { Key = "anonymous" }, TestServiceHost.Call()).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task ApplicantOnAdminOnlyCall_IsPermissionDenied()
    {
        var token = host.Tokens.Issue("talent-4", Roles.Applicant);
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            host.Probe.AdminOnlyAsync(new AdminOnlyRequest(), TestServiceHost.Call(token)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task AdminOnAdminOnlyCall_Succeeds_AsTheTokensSubject()
    {
        var token = host.Tokens.Issue("admin-1", Roles.Admin);
        var reply = await host.Probe.AdminOnlyAsync(new AdminOnlyRequest(), TestServiceHost.Call(token));
        Assert.Equal("admin-1", reply.Subject);
    }

    [Fact]
    public async Task IssuerWithTheServicesSettings_IsAccepted()
    {
        // The control for the rejections below: each of them differs from this issuer in one setting only.
        var reply = await host.Probe.AdminOnlyAsync(new AdminOnlyRequest(),
            TestServiceHost.Call(IssuerWith(_ => { }).Issue("admin-5", Roles.Admin)));
        Assert.Equal("admin-5", reply.Subject);
    }

    [Fact]
    public async Task ExpiredToken_IsUnauthenticated()
    {
        // Issued two hours ago for one hour: expired well beyond the allowed clock skew.
        var issuer = IssuerWith(_ => { }, new ShiftedTimeProvider(TimeSpan.FromHours(-2)));
        await AssertRejectedAsync(issuer.Issue("admin-2", Roles.Admin));
    }

    [Fact]
    public async Task TokenSignedWithAnotherKey_IsUnauthenticated()
    {
        var issuer = IssuerWith(other => other.SigningKey = "another-signing-key-that-this-service-does-not-trust-42");
        await AssertRejectedAsync(issuer.Issue("admin-3", Roles.Admin));
    }

    [Fact]
    public async Task TokenForAnotherAudience_IsUnauthenticated()
    {
        var issuer = IssuerWith(other => other.Audience = "some-other-api");
        await AssertRejectedAsync(issuer.Issue("admin-4", Roles.Admin));
    }

    private async Task AssertRejectedAsync(string token)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            host.Probe.AdminOnlyAsync(new AdminOnlyRequest(), TestServiceHost.Call(token)).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    /// <summary>An issuer with the service's own settings, changed by <paramref name="change"/>, on the given clock.</summary>
    private AccessTokenIssuer IssuerWith(Action<AuthOptions> change, TimeProvider? clock = null)
    {
        var configured = host.App.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        var options = new AuthOptions
        {
            Issuer = configured.Issuer,
            Audience = configured.Audience,
            SigningKey = configured.SigningKey,
            ClockSkew = configured.ClockSkew,
        };
        change(options);
        return new AccessTokenIssuer(Options.Create(options), clock ?? TimeProvider.System);
    }
}

using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;
using TalentMesh.ServiceDefaults.Security;

namespace TalentMesh.ServiceDefaults.Tests;

/// <summary>
/// The cache of accepted tokens: a token validated once is accepted again without validation until the cache's age
/// limit or its own expiry, each call with an identity of its own; rejections are never remembered. A validation with a
/// key that no longer trusts the token shows which answers came from the cache.
/// </summary>
public sealed class AcceptedTokenCacheTests : IDisposable
{
    private const string Key = "talentmesh-local-development-signing-key-not-for-production";

    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private readonly AcceptedTokenCache cache;

    public AcceptedTokenCacheTests() => cache = new AcceptedTokenCache(clock) { MapInboundClaims = false };

    public void Dispose() => cache.Dispose();

    [Fact]
    public async Task AcceptedToken_IsAcceptedAgainFromTheCache_WithAnIdentityOfItsOwn()
    {
        var token = Issue("hr-1", TimeSpan.FromHours(1));
        var first = await cache.ValidateTokenAsync(token, Parameters(Key));
        var again = await cache.ValidateTokenAsync(token, Parameters(OtherKey));

        Assert.True(first.IsValid);
        Assert.True(again.IsValid); // not validated again: the other key would have rejected it
        Assert.Equal("hr-1", again.ClaimsIdentity.FindFirst(Roles.SubjectClaim)?.Value);
        Assert.Equal(first.ClaimsIdentity.GetType(), again.ClaimsIdentity.GetType());
        Assert.NotSame(first.ClaimsIdentity, again.ClaimsIdentity);
        first.ClaimsIdentity.AddClaim(new Claim(Roles.RoleClaim, Roles.Admin));
        var third = await cache.ValidateTokenAsync(token, Parameters(Key));
        Assert.False(third.ClaimsIdentity.HasClaim(Roles.RoleClaim, Roles.Admin));
    }

    [Fact]
    public async Task RejectedToken_IsNotRemembered()
    {
        var token = Issue("hr-2", TimeSpan.FromHours(1));
        Assert.False((await cache.ValidateTokenAsync(token, Parameters(OtherKey))).IsValid);
        Assert.True((await cache.ValidateTokenAsync(token, Parameters(Key))).IsValid);
    }

    [Fact]
    public async Task AcceptedToken_IsValidatedAgain_AfterTheCachesAgeLimit()
    {
        var token = Issue("hr-3", TimeSpan.FromHours(1));
        Assert.True((await cache.ValidateTokenAsync(token, Parameters(Key))).IsValid);
        clock.Advance(AcceptedTokenCache.MaxAge - TimeSpan.FromSeconds(1));
        Assert.True((await cache.ValidateTokenAsync(token, Parameters(OtherKey))).IsValid);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False((await cache.ValidateTokenAsync(token, Parameters(OtherKey))).IsValid);
    }

    [Fact]
    public async Task AcceptedToken_IsValidatedAgain_FromItsOwnExpiry()
    {
        // Expires in 20 s, within the cache's age limit: the token's expiry ends the cached acceptance.
        var token = Issue("hr-4", TimeSpan.FromSeconds(20));
        Assert.True((await cache.ValidateTokenAsync(token, Parameters(Key))).IsValid);
        clock.Advance(TimeSpan.FromSeconds(15));
        Assert.True((await cache.ValidateTokenAsync(token, Parameters(OtherKey))).IsValid);
        clock.Advance(TimeSpan.FromSeconds(6));
        Assert.False((await cache.ValidateTokenAsync(token, Parameters(OtherKey))).IsValid);
    }

    private const string OtherKey = "another-signing-key-that-this-service-does-not-trust-42";

    private string Issue(string subject, TimeSpan lifetime) =>
        new AccessTokenIssuer(Options.Create(new AuthOptions { SigningKey = Key }), TimeProvider.System).Issue(subject, Roles.Hr, lifetime);

    private static TokenValidationParameters Parameters(string key) => new()
    {
        ValidIssuer = "talentmesh",
        ValidAudience = "talentmesh-api",
        IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        RoleClaimType = Roles.RoleClaim,
        NameClaimType = Roles.SubjectClaim,
    };
}

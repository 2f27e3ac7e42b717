using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TalentMesh.ServiceDefaults.Tests.Support;

/// <summary>
/// An OpenID Connect provider's token-validation face on a loopback port: the discovery document and the JWKS with
/// an ECDSA P-256 key, plus minting ES256 tokens with it. What a service fetches from a real provider is exactly this.
/// </summary>
public sealed class LoopbackIdentityProvider : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ECDsaSecurityKey key = new(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "test-es256" };

    private LoopbackIdentityProvider(WebApplication app) => this.app = app;

    public string Issuer { get; private set; } = "";

    public static async Task<LoopbackIdentityProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var provider = new LoopbackIdentityProvider(builder.Build());
        provider.app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = provider.Issuer,
            ["jwks_uri"] = provider.Issuer + "/jwks",
            ["id_token_signing_alg_values_supported"] = new[] { "ES256" },
        }));
        provider.app.MapGet("/jwks", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(provider.key);
            return Results.Json(new { keys = new[] { new { kty = jwk.Kty, crv = jwk.Crv, x = jwk.X, y = jwk.Y, kid = jwk.Kid, use = "sig", alg = "ES256" } } });
        });
        await provider.app.StartAsync();
        provider.Issuer = provider.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
        return provider;
    }

    /// <summary>An ES256 token for <paramref name="audience"/> carrying the role in <paramref name="roleClaim"/>.</summary>
    public string Issue(string subject, string role, string audience, string roleClaim) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", subject), new Claim(roleClaim, role)]),
            Expires = DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256),
        });

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}

using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using TalentMesh.ServiceDefaults.Hosting;

namespace TalentMesh.ServiceDefaults.Security;

public static class AuthenticationRegistration
{
    /// <summary>JWT bearer for every API call; one policy per role; anything unmarked requires a signed-in caller.</summary>
    public static IHostApplicationBuilder AddTalentMeshAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<AuthOptions>(builder.Configuration, AuthOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((jwt, auth) => Configure(jwt, auth.Value));
        builder.Services.AddAuthorization(authorization =>
        {
            foreach (var role in Roles.All)
                authorization.AddPolicy(role, policy => policy.RequireRole(role));
            authorization.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        });
        builder.Services.AddSingleton<AccessTokenIssuer>();
        return builder;
    }

    /// <remarks>
    /// Every call's token is validated in full; accepted tokens are not cached. A validation takes ~12 µs of CPU with
    /// the development key (HS256) and ~23 µs with an identity provider's RS256 key, and what it allocates dies young. A
    /// cache of accepted tokens (sessions 6-20) saved about that per repeated call but held each new caller's token,
    /// claims and identity for seconds: in the load run those were most of what survived each young collection, they
    /// died in gen 2. Without them Registration and Redemption ran with 20-30 MB less memory, Registration with 6-15 full
    /// collections a run instead of 23-25, at the same CPU per workflow (docs/benchmarks.md, "Session 21").
    /// </remarks>
    private static void Configure(JwtBearerOptions jwt, AuthOptions auth)
    {
        jwt.MapInboundClaims = false;
        // Nothing reads the bearer token back from the authentication properties (the default stores it there: a
        // dictionary and its entries on every call).
        jwt.SaveToken = false;
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = string.IsNullOrWhiteSpace(auth.Issuer) ? null : auth.Issuer,
            ValidAudience = auth.Audience,
            ClockSkew = auth.ClockSkew,
            RoleClaimType = auth.RoleClaim,
            NameClaimType = Roles.SubjectClaim,
        };
        if (auth.UsesIdentityProvider)
        {
            // Keys come from the provider's discovery document (and rotate with it); only asymmetric algorithms.
            jwt.Authority = auth.Authority;
            if (!string.IsNullOrWhiteSpace(auth.MetadataAddress))
                jwt.MetadataAddress = auth.MetadataAddress;
            jwt.RequireHttpsMetadata = auth.RequireHttpsMetadata;
            jwt.TokenValidationParameters.ValidAlgorithms = AsymmetricAlgorithms;
        }
        else
        {
            jwt.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(auth.SigningKey!));
            jwt.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
        }
    }

    private static readonly string[] AsymmetricAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384,
    ];
}

using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TalentMesh.ServiceDefaults.Security;

/// <summary>
/// Mints tokens with the configured key. Production tokens come from the identity provider; this
/// serves local runs, the tests and the dev token command.
/// </summary>
public sealed class AccessTokenIssuer(IOptions<AuthOptions> options, TimeProvider timeProvider)
{
    public string Issue(string subject, string role, TimeSpan? lifetime = null)
    {
        var auth = options.Value;
        if (string.IsNullOrEmpty(auth.SigningKey))
            throw new InvalidOperationException("Tokens are minted only with the Development signing key; production tokens come from the identity provider.");
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = auth.Issuer,
            Audience = auth.Audience,
            Subject = new ClaimsIdentity([new Claim(Roles.SubjectClaim, subject), new Claim(auth.RoleClaim, role)]),
            NotBefore = now,
            IssuedAt = now,
            Expires = now + (lifetime ?? TimeSpan.FromHours(1)),
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(auth.SigningKey)), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}

using System.Security.Claims;
using TalentMesh.ServiceDefaults.Security;

namespace TalentMesh.BackOffice.SignIn;

/// <summary>
/// The claims of a console session (the cookie): subject, role and the access token the services are called with.
/// The token travels inside the encrypted cookie so a circuit can read it from its authentication state.
/// </summary>
public static class SessionClaims
{
    public const string AccessToken = "access_token";

    public static ClaimsPrincipal Create(string subject, string role, string accessToken, string authenticationType) =>
        new(new ClaimsIdentity(
            [
                new Claim(Roles.SubjectClaim, subject),
                new Claim("name", subject),
                new Claim(Roles.RoleClaim, role),
                new Claim(AccessToken, accessToken),
            ],
            authenticationType, "name", Roles.RoleClaim));

    public static string? Subject(this ClaimsPrincipal user) => user.FindFirst(Roles.SubjectClaim)?.Value ?? user.Identity?.Name;
}

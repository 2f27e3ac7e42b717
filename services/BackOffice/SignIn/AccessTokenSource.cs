using Microsoft.AspNetCore.Components.Authorization;

namespace TalentMesh.BackOffice.SignIn;

/// <summary>
/// The signed-in user's access token, read from the circuit's authentication state (a circuit has no HttpContext).
/// Scoped: the gRPC client factory resolves it from the scope the client was created in.
/// </summary>
public sealed class AccessTokenSource(AuthenticationStateProvider authentication)
{
    public async Task<string?> GetAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return state.User.FindFirst(SessionClaims.AccessToken)?.Value;
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace TalentMesh.ServiceDefaults.Security;

/// <summary>
/// <c>POST /dev/tokens</c>: mints a token with the shared Development key for local tools (the <c>talentmesh</c> CLI,
/// the console's Development sign-in, end-to-end tests, the load program). It exists only in Development with
/// <c>Auth:SigningKey</c> set; anywhere else the route is not mapped at all, so nothing outside a developer's mesh
/// can mint tokens (production tokens come from the OpenID Connect provider).
/// </summary>
public static class DevelopmentTokenEndpoint
{
    public const string Path = "/dev/tokens";

    public static WebApplication MapDevelopmentTokenEndpoint(this WebApplication app)
    {
        var auth = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        if (!app.Environment.IsDevelopment() || string.IsNullOrEmpty(auth.SigningKey))
            return app;
        app.MapPost(Path, Mint).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static IResult Mint(DevelopmentTokenRequest? request, AccessTokenIssuer issuer, TimeProvider time)
    {
        var errors = DevelopmentTokenRequest.Validate(request);
        if (errors.Count > 0)
            return Results.ValidationProblem(errors, title: "The token request is invalid.");
        var lifetime = TimeSpan.FromMinutes(request!.LifetimeMinutes ?? DevelopmentTokenRequest.DefaultLifetimeMinutes);
        var token = issuer.Issue(request.Subject!, request.Role!, lifetime);
        return Results.Ok(new DevelopmentTokenResponse(token, time.GetUtcNow() + lifetime));
    }
}

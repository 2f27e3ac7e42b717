using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TalentMesh.ServiceDefaults.Security;

namespace TalentMesh.BackOffice.SignIn;

/// <summary>
/// The Development sign-in: pick a role and a subject, get a Development token from a service, start a session.
/// Mapped only in Development — anywhere else the route does not exist (no page, no endpoint).
/// </summary>
public static class DevSignInEndpoints
{
    public const string Path = "/signin/dev";

    /// <summary>The roles the console serves (applicants use their own app).</summary>
    public static readonly IReadOnlyList<string> ConsoleRoles = [Roles.Hr, Roles.PolicyOfficer, Roles.Admin, Roles.Scanner];

    public static void MapDevSignIn(this WebApplication app)
    {
        app.MapGet(Path, ([FromQuery(Name = "ReturnUrl")] string? returnUrl) =>
            new RazorComponentResult<DevSignInPage>(new { ReturnUrl = SignInRegistration.LocalUrl(returnUrl) })).AllowAnonymous();
        app.MapPost(Path, SignInAsync).AllowAnonymous();
    }

    private static async Task<IResult> SignInAsync(
        [FromForm] DevSignInForm form, HttpContext context, DevTokenClient tokens, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var returnUrl = SignInRegistration.LocalUrl(form.ReturnUrl);
        var subject = form.Subject?.Trim() ?? "";
        if (!ConsoleRoles.Contains(form.Role) || subject.Length is 0 or > 100)
            return new RazorComponentResult<DevSignInPage>(new { ReturnUrl = returnUrl, Error = DevSignInPage.InvalidChoice });
        DevToken token;
        try
        {
            token = await tokens.RequestAsync(form.Role!, subject, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            loggers.CreateLogger(typeof(DevSignInEndpoints)).LogWarning("Development token request failed: {Reason}", exception.Message);
            return new RazorComponentResult<DevSignInPage>(new { ReturnUrl = returnUrl, Error = DevSignInPage.TokenUnavailable });
        }
        var user = SessionClaims.Create(subject, form.Role!, token.Token, CookieAuthenticationDefaults.AuthenticationScheme);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, user,
            new AuthenticationProperties { ExpiresUtc = token.ExpiresAt, AllowRefresh = false });
        return Results.LocalRedirect(returnUrl);
    }
}

/// <summary>What the Development sign-in form posts.</summary>
public sealed class DevSignInForm
{
    public string? Role { get; set; }

    public string? Subject { get; set; }

    public string? ReturnUrl { get; set; }
}

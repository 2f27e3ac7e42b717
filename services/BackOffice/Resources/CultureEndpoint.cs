using Microsoft.AspNetCore.Localization;

namespace TalentMesh.BackOffice.Resources;

/// <summary>The language switch: remembers the chosen culture in the standard culture cookie and goes back.</summary>
public static class CultureEndpoint
{
    public const string Path = "/culture";

    public static WebApplication MapCultureSwitch(this WebApplication app)
    {
        app.MapGet(Path, (string culture, string? redirectUri, HttpContext context) =>
        {
            if (LocalizationRegistration.SupportedCultures.Contains(culture))
                context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                    new CookieOptions { MaxAge = TimeSpan.FromDays(365), SameSite = SameSiteMode.Lax, IsEssential = true });
            return Results.LocalRedirect(SignIn.SignInRegistration.LocalUrl(redirectUri));
        }).AllowAnonymous();
        return app;
    }
}

using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using TalentMesh.BackOffice.Layout;

namespace TalentMesh.BackOffice.SignIn;

public static class SignInRegistration
{
    /// <summary>
    /// A cookie session; users come from the OpenID Connect provider (production) or, in Development without one,
    /// from the Development sign-in page. Outside Development a missing provider stops the start-up.
    /// </summary>
    public static WebApplicationBuilder AddBackOfficeSignIn(this WebApplicationBuilder builder)
    {
        var oidc = builder.Configuration.GetSection(OidcSettings.Section).Get<OidcSettings>() ?? new OidcSettings();
        if (!oidc.IsConfigured && !builder.Environment.IsDevelopment())
            throw new InvalidOperationException(
                $"{OidcSettings.Section}:Authority is required outside Development: the console signs users in with the OpenID Connect provider the services trust.");

        var authentication = builder.Services.AddAuthentication(options =>
        {
            options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            options.DefaultChallengeScheme = oidc.IsConfigured ? OpenIdConnectDefaults.AuthenticationScheme : CookieAuthenticationDefaults.AuthenticationScheme;
        });
        authentication.AddCookie(cookie =>
        {
            cookie.Cookie.Name = "talentmesh.backoffice";
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.LoginPath = DevSignInEndpoints.Path;
            cookie.AccessDeniedPath = AccessDeniedPage.Route;
        });
        if (oidc.IsConfigured)
            authentication.AddOpenIdConnect(options => ConfigureOidc(options, oidc));

        builder.Services.AddAuthorization();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<AccessTokenSource>();
        builder.Services.AddHttpClient<DevTokenClient>();
        return builder;
    }

    private static void ConfigureOidc(OpenIdConnectOptions options, OidcSettings oidc)
    {
        options.Authority = oidc.Authority;
        if (!string.IsNullOrWhiteSpace(oidc.MetadataAddress))
            options.MetadataAddress = oidc.MetadataAddress;
        options.ClientId = oidc.ClientId;
        options.ClientSecret = oidc.ClientSecret;
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
        options.MapInboundClaims = false;
        options.GetClaimsFromUserInfoEndpoint = true;
        options.SaveTokens = false;
        options.TokenValidationParameters.NameClaimType = "name";
        options.TokenValidationParameters.RoleClaimType = oidc.RoleClaim;
        foreach (var scope in oidc.Scopes)
            options.Scope.Add(scope);
        // The services are called with the provider's access token: it joins the session's claims (in the
        // encrypted cookie), where a circuit can read it.
        options.Events.OnTokenValidated = context =>
        {
            if (context.TokenEndpointResponse?.AccessToken is { } token && context.Principal?.Identity is System.Security.Claims.ClaimsIdentity identity)
                identity.AddClaim(new System.Security.Claims.Claim(SessionClaims.AccessToken, token));
            return Task.CompletedTask;
        };
    }

    /// <summary>/signin (challenge), /signout, and in Development the Development sign-in.</summary>
    public static WebApplication MapSignIn(this WebApplication app)
    {
        app.MapGet("/signin", (string? returnUrl) =>
            Results.Challenge(new AuthenticationProperties { RedirectUri = LocalUrl(returnUrl) })).AllowAnonymous();
        app.MapGet("/signout", async (HttpContext context) =>
        {
            // Sign-out by link: the worst a forged request can do is end the session.
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/");
        }).AllowAnonymous();
        if (app.Environment.IsDevelopment())
            app.MapDevSignIn();
        return app;
    }

    public static string LocalUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";
}

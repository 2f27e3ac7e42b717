using Microsoft.AspNetCore.Localization;

namespace TalentMesh.BackOffice.Resources;

public static class LocalizationRegistration
{
    public const string DefaultCulture = "zh-CN";

    public static readonly IReadOnlyList<string> SupportedCultures = [DefaultCulture, "en"];

    public static WebApplicationBuilder AddBackOfficeLocalization(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization();
        return builder;
    }

    /// <summary>
    /// zh-CN unless the user chose otherwise (culture cookie, or <c>?culture=</c>). The browser's Accept-Language is
    /// deliberately not consulted: the console opens in Chinese everywhere, the same for every user and test.
    /// </summary>
    public static WebApplication UseBackOfficeLocalization(this WebApplication app)
    {
        var options = new RequestLocalizationOptions()
            .SetDefaultCulture(DefaultCulture)
            .AddSupportedCultures([.. SupportedCultures])
            .AddSupportedUICultures([.. SupportedCultures]);
        options.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        app.UseRequestLocalization(options);
        return app;
    }
}

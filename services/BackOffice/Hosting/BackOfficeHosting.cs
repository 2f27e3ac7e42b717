using MudBlazor.Services;
using TalentMesh.BackOffice.Layout;
using TalentMesh.ServiceDefaults.Hosting;

namespace TalentMesh.BackOffice.Hosting;

public static class BackOfficeHosting
{
    /// <summary>Blazor with interactive server rendering and the MudBlazor components.</summary>
    public static WebApplicationBuilder AddConsoleUi(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddValidatedOptions<ConsoleOptions>(builder.Configuration, ConsoleOptions.Section);
        return builder;
    }

    public static WebApplication MapConsoleUi(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}

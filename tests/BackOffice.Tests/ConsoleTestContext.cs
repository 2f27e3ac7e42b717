using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;
using TalentMesh.BackOffice.ServiceClients;

namespace TalentMesh.BackOffice.Tests;

/// <summary>
/// A bUnit context with what the console's components need: MudBlazor, the real resource files (English, so the
/// assertions read naturally), the real <see cref="ServiceCaller"/> and outage tracking, and a fake clock. The gRPC
/// clients are fakes registered per test (subclasses of the generated clients).
/// </summary>
public sealed class ConsoleTestContext : BunitContext
{
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));

    public ConsoleTestContext(string culture = "en")
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization();
        Services.AddSingleton<TimeProvider>(Time);
        Services.AddSingleton(Options.Create(new MeshServicesOptions()));
        Services.AddScoped<ServiceAvailability>();
        Services.AddScoped<ServiceCaller>();
    }
}

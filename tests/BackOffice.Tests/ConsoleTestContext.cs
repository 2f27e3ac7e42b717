using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;
using TalentMesh.BackOffice.Hosting;
using TalentMesh.BackOffice.Layout;
using TalentMesh.BackOffice.ServiceClients;
using TalentMesh.BackOffice.Tests.Fakes;
using TalentMesh.Contracts.Evaluation.V1;
using TalentMesh.Contracts.Redemption.V1;
using TalentMesh.Contracts.Registration.V1;

namespace TalentMesh.BackOffice.Tests;

/// <summary>
/// A bUnit context with what the console's components need: MudBlazor, the real resource files (English, so the
/// assertions read naturally), the real <see cref="ServiceCaller"/> and outage tracking, a fake clock, and fakes of the
/// generated gRPC clients (each call answered by the test's function).
/// </summary>
public sealed class ConsoleTestContext : BunitContext
{
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));

    public ConsoleOptions Console { get; } = new() { RefreshInterval = TimeSpan.FromSeconds(15) };

    public FakeCredentialClient Credentials { get; } = new();
    public FakeTalentClient Talents { get; } = new();
    public FakeTalentCodeClient TalentCodes { get; } = new();
    public FakeAuditClient Audit { get; } = new();
    public FakeRuleSetClient RuleSets { get; } = new();
    public FakeScoreClient Scores { get; } = new();
    public FakePolicyClient Policies { get; } = new();
    public FakeRedemptionClient Redemptions { get; } = new();

    public ConsoleTestContext(string culture = "en")
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization();
        Services.AddSingleton<TimeProvider>(Time);
        Services.AddSingleton(Options.Create(new MeshServicesOptions()));
        Services.AddSingleton(Options.Create(Console));
        Services.AddScoped<ServiceAvailability>();
        Services.AddScoped<ServiceCaller>();
        Services.AddSingleton<CredentialService.CredentialServiceClient>(Credentials);
        Services.AddSingleton<TalentService.TalentServiceClient>(Talents);
        Services.AddSingleton<TalentCodeService.TalentCodeServiceClient>(TalentCodes);
        Services.AddSingleton<AuditService.AuditServiceClient>(Audit);
        Services.AddSingleton<RuleSetService.RuleSetServiceClient>(RuleSets);
        Services.AddSingleton<ScoreService.ScoreServiceClient>(Scores);
        Services.AddSingleton<PolicyService.PolicyServiceClient>(Policies);
        Services.AddSingleton<RedemptionService.RedemptionServiceClient>(Redemptions);
    }

    /// <summary>
    /// Renders a component as the layout would: with MudBlazor's popover provider (selects and pickers need it) and
    /// the service banner above it.
    /// </summary>
    public IRenderedComponent<TComponent> RenderInPage<TComponent>(Action<ComponentParameterCollectionBuilder<TComponent>>? parameters = null)
        where TComponent : IComponent
    {
        return RenderFrame(parameters).FindComponent<TComponent>();
    }

    /// <summary>The same, answering the whole frame: for what lies outside the page, such as the service banner.</summary>
    public IRenderedComponent<PageFrame> RenderFrame<TComponent>(Action<ComponentParameterCollectionBuilder<TComponent>>? parameters = null)
        where TComponent : IComponent =>
        Render<PageFrame>(frame => frame.AddChildContent(parameters ?? (_ => { })));
}

namespace TalentMesh.Redemption.Hosting;

/// <summary>The Redemption service's own parts: its API, stores and event handlers (filled in by the service's issue).</summary>
public static class RedemptionRegistration
{
    public static WebApplicationBuilder AddRedemptionServices(this WebApplicationBuilder builder) => builder;

    public static WebApplication MapRedemptionApi(this WebApplication app) => app;
}

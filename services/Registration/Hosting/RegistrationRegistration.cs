namespace TalentMesh.Registration.Hosting;

/// <summary>The Registration service's own parts: its API, stores and event handlers (filled in by the service's issue).</summary>
public static class RegistrationRegistration
{
    public static WebApplicationBuilder AddRegistrationServices(this WebApplicationBuilder builder) => builder;

    public static WebApplication MapRegistrationApi(this WebApplication app) => app;
}

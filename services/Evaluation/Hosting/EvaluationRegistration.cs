namespace TalentMesh.Evaluation.Hosting;

/// <summary>The Evaluation service's own parts: its API, stores and event handlers (filled in by the service's issue).</summary>
public static class EvaluationRegistration
{
    public static WebApplicationBuilder AddEvaluationServices(this WebApplicationBuilder builder) => builder;

    public static WebApplication MapEvaluationApi(this WebApplication app) => app;
}

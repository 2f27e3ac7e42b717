using TalentMesh.EventBus;
using TalentMesh.Evaluation.Hosting;
using TalentMesh.ServiceDefaults.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddEventBus();
builder.AddEvaluationServices();

var app = builder.Build();
app.MapServiceDefaults();
app.MapEventBus();
app.MapEvaluationApi();
app.Run();

/// <summary>The entry point, visible to tests that host the real service (WebApplicationFactory).</summary>
public partial class Program;

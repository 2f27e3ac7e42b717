using TalentMesh.EventBus;
using TalentMesh.Registration.Hosting;
using TalentMesh.ServiceDefaults.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddEventBus();
builder.AddRegistrationServices();

var app = builder.Build();
app.MapServiceDefaults();
app.MapEventBus();
app.MapRegistrationApi();
app.Run();

/// <summary>The entry point, visible to tests that host the real service (WebApplicationFactory).</summary>
public partial class Program;

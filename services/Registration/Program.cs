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

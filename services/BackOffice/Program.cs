using TalentMesh.BackOffice.Hosting;
using TalentMesh.BackOffice.Resources;
using TalentMesh.BackOffice.ServiceClients;
using TalentMesh.BackOffice.SignIn;
using TalentMesh.ServiceDefaults.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddWebFrontEndDefaults();
builder.AddBackOfficeLocalization();
builder.AddBackOfficeSignIn();
builder.AddServiceClients();
builder.AddConsoleUi();

var app = builder.Build();
app.UseBackOfficeLocalization();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.MapWebFrontEndDefaults();
app.MapCultureSwitch();
app.MapSignIn();
app.MapConsoleUi();
app.Run();

/// <summary>The entry point, visible to tests that host the real console.</summary>
public partial class Program;

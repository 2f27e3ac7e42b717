using Microsoft.Extensions.Configuration;
using TalentMesh.AppHost;

var builder = DistributedApplication.CreateBuilder(args);
var mesh = builder.Configuration.GetSection("TalentMesh").Get<MeshOptions>() ?? new MeshOptions();

var redis = builder.AddRedisServerExecutable(mesh);
var registration = builder.AddProject<Projects.Registration>("registration").WithTalentMeshDefaults(redis, mesh, offset: 0);
var evaluation = builder.AddProject<Projects.Evaluation>("evaluation").WithTalentMeshDefaults(redis, mesh, offset: 10);
var redemption = builder.AddProject<Projects.Redemption>("redemption").WithTalentMeshDefaults(redis, mesh, offset: 20);
builder.AddProject<Projects.BackOffice>("backoffice", launchProfileName: null)
    .WithBackOfficeDefaults(mesh, ("Registration", registration), ("Evaluation", evaluation), ("Redemption", redemption));

builder.Build().Run();

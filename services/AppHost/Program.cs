using Microsoft.Extensions.Configuration;
using TalentMesh.AppHost;

var builder = DistributedApplication.CreateBuilder(args);
var mesh = builder.Configuration.GetSection("TalentMesh").Get<MeshOptions>() ?? new MeshOptions();

var redis = builder.AddRedisServerExecutable(mesh);
builder.AddProject<Projects.Registration>("registration").WithTalentMeshDefaults(redis, mesh, offset: 0);
builder.AddProject<Projects.Evaluation>("evaluation").WithTalentMeshDefaults(redis, mesh, offset: 10);
builder.AddProject<Projects.Redemption>("redemption").WithTalentMeshDefaults(redis, mesh, offset: 20);

builder.Build().Run();

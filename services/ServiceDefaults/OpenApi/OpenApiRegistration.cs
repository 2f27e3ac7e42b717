using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi.Models;
using TalentMesh.ServiceDefaults.Hosting;

namespace TalentMesh.ServiceDefaults.OpenApi;

/// <summary>
/// The OpenAPI description of a service's JSON transcoding, for mobile and web clients: generated from the gRPC
/// contracts (their google.api.http rules and proto comments), so it can never drift from what the service serves.
/// </summary>
public static class OpenApiRegistration
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/swagger";

    public static IServiceCollection AddTranscodingOpenApi(this IServiceCollection services)
    {
        services.AddGrpcSwagger();
        services.AddSwaggerGen();
        services.AddOptions<Swashbuckle.AspNetCore.SwaggerGen.SwaggerGenOptions>().Configure<IOptions<ServiceOptions>>((swagger, service) =>
        {
            swagger.SwaggerDoc("v1", new OpenApiInfo { Title = $"TalentMesh {service.Value.Name}", Version = "v1" });
            // proto3's JSON mapping writes 64-bit integers as strings (JavaScript numbers cannot hold them).
            swagger.MapType<long>(() => new OpenApiSchema { Type = "string", Format = "int64" });
            swagger.MapType<ulong>(() => new OpenApiSchema { Type = "string", Format = "uint64" });
            swagger.AddSecurityDefinition("bearer", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "JWT",
                Description = "An access token from the identity provider (Development: the dev token command).",
            });
            swagger.AddSecurityRequirement(new OpenApiSecurityRequirement
            {
                [new OpenApiSecurityScheme { Reference = new OpenApiReference { Type = ReferenceType.SecurityScheme, Id = "bearer" } }] = [],
            });
        });
        return services;
    }

    /// <summary>The document, for anyone: it describes a public contract.</summary>
    public static WebApplication MapTranscodingOpenApi(this WebApplication app)
    {
        app.MapSwagger("/openapi/{documentName}.json").AllowAnonymous();
        return app;
    }

    /// <summary>
    /// The interactive reference page, in Development only. Middleware ahead of authentication: the page is static
    /// files, and gRPC's catch-all endpoint for unknown services would otherwise claim its path and ask for a token.
    /// </summary>
    public static WebApplication UseApiReferencePage(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
            app.UseSwaggerUI(ui =>
            {
                ui.RoutePrefix = ReferencePath.TrimStart('/');
                ui.SwaggerEndpoint(DocumentPath, "v1");
            });
        return app;
    }
}

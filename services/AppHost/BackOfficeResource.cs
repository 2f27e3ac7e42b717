namespace TalentMesh.AppHost;

public static class BackOfficeResource
{
    /// <summary>The console's port offset from <see cref="MeshOptions.PortBase"/> (5130 by default).</summary>
    public const int PortOffset = 30;

    /// <summary>
    /// The back-office console on its fixed, unproxied loopback port, told where the three services' gRPC and HTTP
    /// ports are. It does not wait for them: a service that is down shows as a banner in the console.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithBackOfficeDefaults(
        this IResourceBuilder<ProjectResource> console, MeshOptions mesh, params (string Name, IResourceBuilder<ProjectResource> Service)[] services)
    {
        var port = mesh.PortBase + PortOffset;
        console
            .WithHttpEndpoint(port: port, targetPort: port, name: "http", isProxied: false)
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", "Development")
            .WithHttpHealthCheck("/readyz", endpointName: "http");
        foreach (var (name, service) in services)
            console
                .WithEnvironment($"Services__{name}__Grpc", service.GetEndpoint("grpc"))
                .WithEnvironment($"Services__{name}__Http", service.GetEndpoint("http"));
        return console;
    }
}

namespace TalentMesh.AppHost;

public static class TalentMeshServiceResource
{
    /// <summary>
    /// A service with its two fixed loopback ports (h2c gRPC, HTTP/1.1), the redis transport and the local Redis.
    /// Fixed, unproxied ports keep the addresses printed by the run script stable between runs.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithTalentMeshDefaults(
        this IResourceBuilder<ProjectResource> service, IResourceBuilder<ExecutableResource> redis, MeshOptions mesh, int offset)
    {
        var grpcPort = mesh.PortBase + offset + 1;
        var httpPort = mesh.PortBase + offset + 2;
        var redisConnection = $"127.0.0.1:{mesh.RedisPort},abortConnect=false";
        return service
            .WithEndpoint(port: grpcPort, targetPort: grpcPort, scheme: "http", name: "grpc", env: "Service__GrpcPort", isProxied: false)
            .WithEndpoint(port: httpPort, targetPort: httpPort, scheme: "http", name: "http", env: "Service__HttpPort", isProxied: false)
            .WithEnvironment("ConnectionStrings__redis", redisConnection)
            .WithEnvironment("EventBus__Transport", "Redis")
            .WithEnvironment("Service__LoopbackOnly", "true")
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", "Development")
            .WithHttpHealthCheck("/readyz", endpointName: "http")
            .WaitFor(redis);
    }
}

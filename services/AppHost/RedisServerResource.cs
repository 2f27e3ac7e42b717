using TalentMesh.Shared;

namespace TalentMesh.AppHost;

public static class RedisServerResource
{
    /// <summary>
    /// redis-server as a plain executable: loopback only, AOF on, its own data directory. No container runtime
    /// is needed, which is what lets the mesh run on a developer machine or CI box without Docker.
    /// </summary>
    public static IResourceBuilder<ExecutableResource> AddRedisServerExecutable(this IDistributedApplicationBuilder builder, MeshOptions mesh)
    {
        var executable = RedisExecutable.Find();
        var dataDirectory = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "..", mesh.RedisDataDirectory));
        Directory.CreateDirectory(dataDirectory);
        return builder.AddExecutable("redis", executable, dataDirectory,
                "--port", mesh.RedisPort.ToString(), "--bind", "127.0.0.1", "--protected-mode", "yes",
                "--dir", dataDirectory, "--appendonly", "yes", "--appendfsync", "everysec", "--save", "")
            .WithEndpoint(port: mesh.RedisPort, targetPort: mesh.RedisPort, scheme: "tcp", name: "tcp", isProxied: false);
    }
}

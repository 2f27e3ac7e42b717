using Aspire.Hosting;
using Aspire.Hosting.Testing;
using TalentMesh.Testing;

namespace TalentMesh.AppHost.Tests;

/// <summary>The whole mesh, as the README's run command starts it: redis-server, the three services and the console.</summary>
public sealed class MeshStartupTests
{
    private static readonly string[] Services = ["registration", "evaluation", "redemption", "backoffice"];

    [Fact]
    public async Task AppHost_Starts_RedisAndAllThreeServicesBecomeHealthy()
    {
        var ct = TestContext.Current.CancellationToken;
        var dataDirectory = Directory.CreateTempSubdirectory("talentmesh-apphost-test-").FullName;
        try
        {
            await StartMeshAndCheckAsync(dataDirectory, ct);
        }
        finally
        {
            try { Directory.Delete(dataDirectory, recursive: true); }
            catch (IOException) { }
        }
    }

    /// <summary>Everything that needs the mesh; the mesh (and its redis-server) is gone when this returns.</summary>
    private static async Task StartMeshAndCheckAsync(string dataDirectory, CancellationToken ct)
    {
        string[] args =
        [
            $"TalentMesh:PortBase={MeshPorts.FindBase()}",
            $"TalentMesh:RedisPort={LoopbackPorts.FindFree()}",
            $"TalentMesh:RedisDataDirectory={dataDirectory}",
        ];
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(args, ct);
        await using var app = await builder.BuildAsync(ct);
        using var startup = CancellationTokenSource.CreateLinkedTokenSource(ct);
        startup.CancelAfter(TimeSpan.FromMinutes(3));

        await app.StartAsync(startup.Token);
        foreach (var service in Services)
            await app.ResourceNotifications.WaitForResourceHealthyAsync(service, startup.Token);

        foreach (var service in Services)
        {
            using var http = app.CreateHttpClient(service, "http");
            var ready = await http.GetAsync("/readyz", ct);
            Assert.True(ready.IsSuccessStatusCode, $"{service} /readyz answered {(int)ready.StatusCode}");
            Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync(ct));
        }
        Assert.True(Directory.Exists(Path.Combine(dataDirectory, "appendonlydir")), "redis-server runs with AOF in its private data directory");
    }
}

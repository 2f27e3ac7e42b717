namespace TalentMesh.Deployment.Tests;

public class DaprAnnotationTests
{
    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void Deployments_EachAppId_HasOneDeployment(string overlay)
    {
        var appIds = Manifests.Render(overlay).Deployments
            .Select(d => d.Str("spec", "template", "metadata", "annotations", "dapr.io/app-id"));

        Assert.Equal(Overlays.AppIds.Order(), appIds.Order());
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void Deployments_DaprAnnotations_UseGrpcAppChannelOnGrpcPort(string overlay)
    {
        var manifests = Manifests.Render(overlay);
        foreach (var deployment in manifests.Deployments)
        {
            var annotations = deployment.Map("spec", "template", "metadata", "annotations");
            var grpcPort = Assert.Single(deployment.App().Items("ports"), p => p.Str("name") == "grpc");

            Assert.Equal("true", annotations.GetValueOrDefault("dapr.io/enabled"));
            Assert.Equal(deployment.Name(), annotations.GetValueOrDefault("dapr.io/app-id"));
            Assert.Equal("grpc", annotations.GetValueOrDefault("dapr.io/app-protocol"));
            Assert.Equal("5000", grpcPort.Str("containerPort"));
            Assert.Equal(grpcPort.Str("containerPort"), annotations.GetValueOrDefault("dapr.io/app-port"));
            Assert.Equal("true", annotations.GetValueOrDefault("dapr.io/enable-metrics"));
            manifests.Single("Configuration", annotations.GetValueOrDefault("dapr.io/config") ?? "<missing>");
            foreach (var key in new[] { "cpu-request", "cpu-limit", "memory-request", "memory-limit" })
            {
                Assert.False(string.IsNullOrEmpty(annotations.GetValueOrDefault($"dapr.io/sidecar-{key}")), key);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void Deployments_EventBusSettings_MatchDaprAppIdAndComponent(string overlay)
    {
        var manifests = Manifests.Render(overlay);
        var pubsub = Assert.Single(manifests.OfKind("Component"), c => c.Str("spec", "type")!.StartsWith("pubsub."));
        foreach (var deployment in manifests.Deployments)
        {
            var env = Env(deployment);
            var appId = deployment.Str("spec", "template", "metadata", "annotations", "dapr.io/app-id");

            Assert.Equal(appId, env.GetValueOrDefault("Service__Name"));
            Assert.Equal(appId, env.GetValueOrDefault("EventBus__AppId"));
            Assert.Equal("dapr", env.GetValueOrDefault("EventBus__Transport"));
            Assert.Equal(pubsub.Name(), env.GetValueOrDefault("EventBus__PubSubName"));
            Assert.Equal("5000", env.GetValueOrDefault("Service__GrpcPort"));
            Assert.Equal("8080", env.GetValueOrDefault("Service__HttpPort"));
        }
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void Deployments_AppApiToken_DaprdAndAppReadTheSameSecretKey(string overlay)
    {
        foreach (var deployment in Manifests.Render(overlay).Deployments)
        {
            var annotations = deployment.Map("spec", "template", "metadata", "annotations");
            var token = Assert.Single(deployment.App().Items("env"), e => e.Str("name") == "APP_API_TOKEN");

            // The injector gives daprd APP_API_TOKEN from key "token" of this Secret (dapr/dapr pkg/injector/patcher/sidecar_container.go).
            Assert.Equal("talentmesh-app-api-token", annotations.GetValueOrDefault("dapr.io/app-token-secret"));
            Assert.Equal(annotations.GetValueOrDefault("dapr.io/app-token-secret"), token.Str("valueFrom", "secretKeyRef", "name"));
            Assert.Equal("token", token.Str("valueFrom", "secretKeyRef", "key"));
        }
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void Deployments_RedisConnectionString_ExpandsPasswordDefinedBeforeIt(string overlay)
    {
        foreach (var deployment in Manifests.Render(overlay).Deployments)
        {
            var names = deployment.App().Items("env").Select(e => e.Str("name")).ToList();
            var connection = Assert.Single(deployment.App().Items("env"), e => e.Str("name") == "ConnectionStrings__redis");

            Assert.Contains("password=$(REDIS_PASSWORD)", connection.Str("value"));
            // Kubernetes expands $(VAR) only from variables listed earlier.
            Assert.InRange(names.IndexOf("REDIS_PASSWORD"), 0, names.IndexOf("ConnectionStrings__redis") - 1);
        }
    }

    private static Dictionary<string, string?> Env(System.Text.Json.Nodes.JsonObject deployment) =>
        deployment.App().Items("env").ToDictionary(e => e.Str("name")!, e => e.Str("value"));
}

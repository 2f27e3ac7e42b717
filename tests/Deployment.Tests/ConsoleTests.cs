using System.Text.Json.Nodes;

namespace TalentMesh.Deployment.Tests;

/// <summary>The back-office console: no sidecar, the services by their Services, OIDC client settings by reference.</summary>
public class ConsoleTests
{
    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void Console_HasNoDaprSidecarAndNoRedisAccess(string overlay)
    {
        var manifests = Manifests.Render(overlay);
        var console = manifests.Single("Deployment", Overlays.Console);
        var podLabels = console.Map("spec", "template", "metadata", "labels");
        var redisPolicy = manifests.Single("NetworkPolicy", "redis-ingress");

        Assert.NotEqual("true", console.Str("spec", "template", "metadata", "annotations", "dapr.io/enabled"));
        Assert.DoesNotContain(console.App().Items("env"), e => e.Str("name")!.StartsWith("ConnectionStrings__", StringComparison.Ordinal));
        // The console owns no data: no policy lets its pods reach Redis.
        Assert.All(redisPolicy.Items("spec", "ingress").SelectMany(i => i.Items("from")),
            from => Assert.False(Selects(from.Map("podSelector", "matchLabels"), podLabels)));
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void Console_ServiceAddresses_AreTheServicesGrpcAndHttpPorts(string overlay)
    {
        var manifests = Manifests.Render(overlay);
        var env = PodEnvironment.Of(manifests, manifests.Single("Deployment", Overlays.Console));

        foreach (var deployment in manifests.Deployments)
        {
            var appId = deployment.Name();
            var project = char.ToUpperInvariant(appId[0]) + appId[1..];
            foreach (var (key, portName) in new[] { ("Grpc", "grpc"), ("Http", "http") })
            {
                var address = new Uri(Assert.Contains($"Services__{project}__{key}", env).Value);
                var service = manifests.Single("Service", address.Host);
                var port = Assert.Single(service.Items("spec", "ports"), p => p.Str("port") == address.Port.ToString());

                Assert.Equal(portName, port.Str("targetPort"));
                Assert.True(Selects(service.Map("spec", "selector"), deployment.Map("spec", "template", "metadata", "labels")),
                    $"{address} does not reach {appId}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void Console_SignsInWithTheProviderTheServicesTrust_SecretByReference(string overlay)
    {
        var manifests = Manifests.Render(overlay);
        var console = PodEnvironment.Of(manifests, manifests.Single("Deployment", Overlays.Console));

        foreach (var service in manifests.Deployments)
        {
            Assert.Equal(PodEnvironment.Of(manifests, service)["Auth__Authority"].Value, console["BackOffice__Oidc__Authority"].Value);
        }
        Assert.Equal(EnvSource.Secret, console["BackOffice__Oidc__ClientSecret"].Source);
        Assert.False(string.IsNullOrEmpty(console["BackOffice__Oidc__ClientId"].Value));
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void Console_ServiceAndNetworkPolicy_ExposeItsHttpPort(string overlay)
    {
        var manifests = Manifests.Render(overlay);
        var console = manifests.Single("Deployment", Overlays.Console);
        var podLabels = console.Map("spec", "template", "metadata", "labels");
        var http = Assert.Single(console.App().Items("ports"), p => p.Str("name") == "http");
        var service = Assert.Single(manifests.OfKind("Service"), s => Selects(s.Map("spec", "selector"), podLabels));
        var open = manifests.OfKind("NetworkPolicy")
            .Where(p => p.At("spec", "podSelector", "matchLabels") is JsonObject && Selects(p.Map("spec", "podSelector", "matchLabels"), podLabels))
            .SelectMany(p => p.Items("spec", "ingress")).SelectMany(i => i.Items("ports")).Select(p => p.Str("port"));

        Assert.Equal("http", Assert.Single(service.Items("spec", "ports")).Str("targetPort"));
        Assert.Contains(http.Str("containerPort"), open);
    }

    private static bool Selects(IReadOnlyDictionary<string, string?> selector, IReadOnlyDictionary<string, string?> labels) =>
        selector.Count > 0 && selector.All(s => labels.TryGetValue(s.Key, out var v) && v == s.Value);
}

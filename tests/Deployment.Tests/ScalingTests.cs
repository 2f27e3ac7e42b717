namespace TalentMesh.Deployment.Tests;

public class ScalingTests
{
    [Theory]
    [InlineData(Overlays.Base, 2, 2, 6)]
    [InlineData(Overlays.Dev, 1, 1, 2)]
    [InlineData(Overlays.Prod, 3, 3, 10)]
    public void Deployments_EachHasCpuAutoscalerWithOverlayBounds(string overlay, int replicas, int min, int max)
    {
        var manifests = Manifests.Render(overlay);
        foreach (var deployment in manifests.Deployments)
        {
            var hpa = Assert.Single(
                manifests.OfKind("HorizontalPodAutoscaler"),
                h => h.Str("spec", "scaleTargetRef", "kind") == "Deployment"
                    && h.Str("spec", "scaleTargetRef", "name") == deployment.Name());
            var metric = Assert.Single(hpa.Items("spec", "metrics"));

            Assert.Equal("autoscaling/v2", hpa.Str("apiVersion"));
            Assert.Equal(replicas.ToString(), deployment.Str("spec", "replicas"));
            Assert.Equal(min.ToString(), hpa.Str("spec", "minReplicas"));
            Assert.Equal(max.ToString(), hpa.Str("spec", "maxReplicas"));
            Assert.Equal("cpu", metric.Str("resource", "name") ?? metric.Str("containerResource", "name"));
        }
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void Deployments_EachHasDisruptionBudgetSelectingItsPods(string overlay)
    {
        var manifests = Manifests.Render(overlay);
        foreach (var deployment in manifests.Deployments)
        {
            var podLabels = deployment.Map("spec", "template", "metadata", "labels");
            var pdb = Assert.Single(
                manifests.OfKind("PodDisruptionBudget"),
                p => Selects(p.Map("spec", "selector", "matchLabels"), podLabels));

            Assert.Equal("1", pdb.Str("spec", "minAvailable"));
        }
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void Deployments_EachHasServiceExposingGrpcAndHttp(string overlay)
    {
        var manifests = Manifests.Render(overlay);
        foreach (var deployment in manifests.Deployments)
        {
            var podLabels = deployment.Map("spec", "template", "metadata", "labels");
            var service = Assert.Single(manifests.OfKind("Service"), s => Selects(s.Map("spec", "selector"), podLabels));
            var ports = service.Items("spec", "ports").ToDictionary(p => p.Str("name")!, p => p.Str("targetPort"));

            Assert.Equal("ClusterIP", service.Str("spec", "type") ?? "ClusterIP");
            Assert.Equal("grpc", ports.GetValueOrDefault("grpc"));
            Assert.Equal("http", ports.GetValueOrDefault("http"));
        }
    }

    private static bool Selects(IReadOnlyDictionary<string, string?> selector, IReadOnlyDictionary<string, string?> labels) =>
        selector.Count > 0 && selector.All(s => labels.TryGetValue(s.Key, out var v) && v == s.Value);
}

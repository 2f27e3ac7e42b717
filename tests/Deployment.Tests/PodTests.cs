namespace TalentMesh.Deployment.Tests;

public class PodTests
{
    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void Deployments_Probes_UseHealthEndpointsOnHttpPort(string overlay)
    {
        foreach (var deployment in Manifests.Render(overlay).AllDeployments)
        {
            var app = deployment.App();
            var http = Assert.Single(app.Items("ports"), p => p.Str("name") == "http");

            Assert.Equal("8080", http.Str("containerPort"));
            Assert.Equal("/healthz", app.Str("livenessProbe", "httpGet", "path"));
            Assert.Equal("http", app.Str("livenessProbe", "httpGet", "port"));
            Assert.Equal("/readyz", app.Str("readinessProbe", "httpGet", "path"));
            Assert.Equal("http", app.Str("readinessProbe", "httpGet", "port"));
            Assert.NotNull(app.At("startupProbe"));
        }
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void Deployments_SpreadTheirCurrentPodsOverZonesAndNodes(string overlay)
    {
        foreach (var deployment in Manifests.Render(overlay).Deployments)
        {
            var podLabels = deployment.Map("spec", "template", "metadata", "labels");
            var constraints = deployment.Items("spec", "template", "spec", "topologySpreadConstraints").ToList();

            Assert.Equal(
                ["kubernetes.io/hostname", "topology.kubernetes.io/zone"],
                constraints.Select(c => c.Str("topologyKey")).Order());
            foreach (var constraint in constraints)
            {
                // The pods counted are this Deployment's current ReplicaSet: its name and template hash, taken from the pod.
                var matchLabelKeys = constraint.At("matchLabelKeys")!.AsArray().Select(k => k!.GetValue<string>()).ToList();
                Assert.Contains("pod-template-hash", matchLabelKeys);
                Assert.Contains("app.kubernetes.io/name", matchLabelKeys.Concat(constraint.Map("labelSelector", "matchLabels").Keys));
                Assert.All(constraint.Map("labelSelector", "matchLabels"), label => Assert.Equal(label.Value, podLabels.GetValueOrDefault(label.Key)));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void Workloads_EveryContainer_HasCpuAndMemoryRequestsAndLimits(string overlay)
    {
        var workloads = Manifests.Render(overlay).Workloads.ToList();

        Assert.NotEmpty(workloads);
        foreach (var container in workloads.SelectMany(w => w.Containers()))
        {
            foreach (var bound in new[] { "requests", "limits" })
            {
                foreach (var resource in new[] { "cpu", "memory" })
                {
                    Assert.False(
                        string.IsNullOrEmpty(container.Str("resources", bound, resource)),
                        $"{container.Str("name")}: resources.{bound}.{resource}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void Workloads_EveryContainer_RunsNonRootReadOnlyWithoutCapabilities(string overlay)
    {
        foreach (var workload in Manifests.Render(overlay).Workloads)
        {
            var pod = workload.At("spec", "template", "spec");
            foreach (var container in workload.Containers())
            {
                var where = $"{workload.Name()}/{container.Str("name")}";
                Assert.True(
                    (container.Str("securityContext", "runAsNonRoot") ?? pod.Str("securityContext", "runAsNonRoot")) == "true",
                    $"{where}: runAsNonRoot");
                Assert.Equal("true", container.Str("securityContext", "readOnlyRootFilesystem"));
                Assert.Equal("false", container.Str("securityContext", "allowPrivilegeEscalation"));
                Assert.Contains("ALL", container.At("securityContext", "capabilities", "drop")!.AsArray()
                    .Select(c => c!.GetValue<string>()));
                Assert.Equal(
                    "RuntimeDefault",
                    container.Str("securityContext", "seccompProfile", "type") ?? pod.Str("securityContext", "seccompProfile", "type"));
            }
        }
    }
}

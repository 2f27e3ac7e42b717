using Microsoft.Extensions.DependencyInjection;
using TalentMesh.ServiceDefaults.Redis;

namespace TalentMesh.Deployment.Tests;

/// <summary>
/// Every key a service requires at start-up is set in every overlay, judged by the service itself: its real Program
/// starts in Production with the rendered pod's environment (ConfigMap values, Secret values as k8s/create-secrets.sh
/// generates them) over the image's appsettings.json, and its own options validation (<c>ValidateOnStart</c>, the
/// validators) decides. The list of requirements is the services' code, not a copy here.
/// </summary>
public class StartupConfigurationTests
{
    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void Deployments_RenderedEnvironment_PassesEachServicesStartUpValidation(string overlay)
    {
        var refusals = new List<string>();
        foreach (var deployment in Manifests.Render(overlay).AllDeployments)
        {
            try
            {
                var service = StartedService.Start(overlay, deployment.Name());
                // The one requirement checked on first use rather than at start-up: the Redis connection string.
                if (service.AppId != Overlays.Console)
                    service.Services.GetRequiredService<RedisConnectionFactory>();
            }
            catch (Exception e)
            {
                refusals.Add($"{deployment.Name()} would refuse to start: {e.GetBaseException().Message}");
            }
        }

        Assert.Empty(refusals);
    }
}

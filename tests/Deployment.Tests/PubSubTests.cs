namespace TalentMesh.Deployment.Tests;

public class PubSubTests
{
    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void PubSubComponent_IsRedisStreamsWithAppIdConsumerGroup(string overlay)
    {
        var pubsub = Manifests.Render(overlay).Single("Component", "pubsub");
        var metadata = pubsub.Items("spec", "metadata").ToDictionary(m => m.Str("name")!);

        Assert.Equal("pubsub.redis", pubsub.Str("spec", "type"));
        Assert.Equal("v1", pubsub.Str("spec", "version"));
        // daprd's group is the bare app id; the sidecar-less transport's group never is, so they cannot be shared.
        Assert.Equal("{appID}", metadata["consumerID"].Str("value"));
        Assert.NotEqual("registration", TalentMesh.EventBus.Transport.StreamGroups.ForApp("registration"));
        Assert.Equal("talentmesh-redis", metadata["redisPassword"].Str("secretKeyRef", "name"));
        Assert.Equal("password", metadata["redisPassword"].Str("secretKeyRef", "key"));
        Assert.Null(metadata["redisPassword"].At("value"));
        Assert.Equal("kubernetes", pubsub.Str("auth", "secretStore"));
        foreach (var setting in new[] { "redisHost", "processingTimeout", "redeliverInterval", "maxLenApprox", "concurrency" })
        {
            Assert.False(string.IsNullOrEmpty(metadata[setting].Str("value")), setting);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void PubSubComponent_TimeoutAndStreamCap_AreTheEventBusDefaults(string overlay)
    {
        var pubsub = Manifests.Render(overlay).Single("Component", "pubsub");
        var metadata = pubsub.Items("spec", "metadata").ToDictionary(m => m.Str("name")!);

        // One value each for both transports: the Component and EventBusOptions' defaults must not drift apart.
        Assert.Equal($"{EventBus.EventBusOptions.DefaultProcessingTimeout.TotalSeconds}s", metadata["processingTimeout"].Str("value"));
        Assert.Equal(EventBus.EventBusOptions.DefaultMaxLenApprox.ToString(System.Globalization.CultureInfo.InvariantCulture),
            metadata["maxLenApprox"].Str("value"));
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void PubSubComponent_IsScopedToTheThreeApps(string overlay)
    {
        var pubsub = Manifests.Render(overlay).Single("Component", "pubsub");

        Assert.Equal(Overlays.AppIds.Order(), pubsub.At("scopes")!.AsArray().Select(s => s!.GetValue<string>()).Order());
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void Resiliency_CoversPubSubBothWays_WithDefinedPolicies(string overlay)
    {
        var resiliency = Assert.Single(Manifests.Render(overlay).OfKind("Resiliency"));
        var policies = resiliency.At("spec", "policies");

        foreach (var direction in new[] { "inbound", "outbound" })
        {
            var target = resiliency.At("spec", "targets", "components", "pubsub", direction);
            Assert.NotNull(policies.At("timeouts", target.Str("timeout") ?? "<none>"));
            Assert.NotNull(policies.At("circuitBreakers", target.Str("circuitBreaker") ?? "<none>"));
            var retry = policies.At("retries", target.Str("retry") ?? "<none>");
            // Dapr's exponential backoff is the jittered one.
            Assert.Equal("exponential", retry.Str("policy"));
            Assert.NotEqual("-1", retry.Str("maxRetries") ?? "-1");
        }
    }
}

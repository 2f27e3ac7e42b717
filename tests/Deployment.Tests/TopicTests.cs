using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TalentMesh.EventBus;

namespace TalentMesh.Deployment.Tests;

/// <summary>
/// The event flow the manifests must carry, taken from the services themselves: subscriptions from what each service
/// tells daprd (AppCallback.ListTopicSubscriptions under the rendered configuration), publications from each service's
/// compiled code (<see cref="Publications"/>).
/// </summary>
public class TopicTests
{
    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void DaprSubscriptions_EveryTopic_IsPublishedBySomeService(string overlay)
    {
        var services = StartAll(overlay);
        var published = services.SelectMany(s => Publications.Of(s.Assembly)).ToHashSet();
        var subscribed = services.SelectMany(s => s.DaprSubscriptions().Select(sub => (s.AppId, sub.Topic))).ToList();

        Assert.NotEmpty(subscribed);
        Assert.Empty(subscribed.Where(s => !published.Contains(s.Topic)).Select(s => $"{s.AppId} subscribes to '{s.Topic}', which no service publishes"));
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void PublishedTopics_WithASubscriber_RouteThroughAComponentScopedToPublisherAndSubscriber(string overlay)
    {
        var manifests = Manifests.Render(overlay);
        var services = StartAll(overlay);
        var routes = 0;
        foreach (var subscriber in services)
        {
            foreach (var subscription in subscriber.DaprSubscriptions())
            {
                var publishers = services.Where(p => Publications.Of(p.Assembly).Contains(subscription.Topic)).ToList();
                var component = Assert.Single(manifests.OfKind("Component"),
                    c => c.Name() == subscription.PubsubName && c.Str("spec", "type")!.StartsWith("pubsub.", StringComparison.Ordinal));
                var route = $"{string.Join('+', publishers.Select(p => p.AppId))} → {subscription.Topic} → {subscriber.AppId} via {component.Name()}";

                foreach (var publisher in publishers)
                {
                    Assert.True(InScope(component, publisher.AppId), $"{route}: the component is not scoped to {publisher.AppId}");
                    Assert.True(subscription.PubsubName == PubSubNameOf(publisher), $"{route}: {publisher.AppId} publishes through '{PubSubNameOf(publisher)}'");
                    Assert.True(Allows(component, "publishingScopes", publisher.AppId, subscription.Topic), $"{route}: publishingScopes forbid it");
                }

                Assert.True(InScope(component, subscriber.AppId), $"{route}: the component is not scoped to {subscriber.AppId}");
                Assert.True(Allows(component, "subscriptionScopes", subscriber.AppId, subscription.Topic), $"{route}: subscriptionScopes forbid it");
                // daprd of the subscriber publishes the dead letters: that topic must be open to it as well.
                Assert.True(Allows(component, "publishingScopes", subscriber.AppId, subscription.DeadLetterTopic), $"{route}: dead letters cannot be published");
                foreach (var topic in new[] { subscription.Topic, subscription.DeadLetterTopic })
                {
                    Assert.True(AllowedTopic(component, topic), $"{route}: allowedTopics leave out '{topic}'");
                }

                Assert.Contains(manifests.OfKind("Resiliency"), r => r.At("spec", "targets", "components", component.Name()) is not null);
                routes++;
            }
        }

        Assert.NotEqual(0, routes);
    }

    private static List<StartedService> StartAll(string overlay) =>
        Manifests.Render(overlay).Deployments.Select(d => StartedService.Start(overlay, d.Name())).ToList();

    private static string PubSubNameOf(StartedService service) =>
        service.Services.GetRequiredService<IOptions<EventBusOptions>>().Value.PubSubName;

    /// <summary>A component without scopes is loaded by every app.</summary>
    private static bool InScope(JsonObject component, string appId) =>
        component.At("scopes") is not JsonArray scopes || scopes.Any(s => s?.GetValue<string>() == appId);

    private static string? Metadata(JsonObject component, string name) =>
        component.Items("spec", "metadata").FirstOrDefault(m => m.Str("name") == name)?.Str("value");

    private static bool AllowedTopic(JsonObject component, string topic) =>
        Metadata(component, "allowedTopics") is not { Length: > 0 } allowed || Split(allowed, ',').Contains(topic);

    /// <summary>Dapr's scoping syntax "app1=topic1,topic2;app2=topic3": an app listed there may use only its topics.</summary>
    private static bool Allows(JsonObject component, string scoping, string appId, string topic)
    {
        if (Metadata(component, scoping) is not { Length: > 0 } scopes)
            return true;
        var entry = Split(scopes, ';').Select(s => s.Split('=', 2)).FirstOrDefault(s => s[0].Trim() == appId);
        return entry is null || (entry.Length == 2 && Split(entry[1], ',').Contains(topic));
    }

    private static string[] Split(string value, char separator) =>
        value.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

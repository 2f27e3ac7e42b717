namespace TalentMesh.EventBus.Handling;

/// <summary>All subscriptions of this service by topic. One handler per topic keeps the inbox marker unambiguous.</summary>
public sealed class SubscriptionRegistry
{
    private readonly Dictionary<string, EventSubscription> byTopic;

    public SubscriptionRegistry(IEnumerable<EventSubscription> subscriptions)
    {
        byTopic = new Dictionary<string, EventSubscription>(StringComparer.Ordinal);
        foreach (var subscription in subscriptions)
        {
            if (!byTopic.TryAdd(subscription.Topic, subscription))
                throw new InvalidOperationException($"Two handlers subscribe to '{subscription.Topic}'; compose them into one.");
        }
    }

    public IReadOnlyCollection<EventSubscription> All => byTopic.Values;

    public EventSubscription? Find(string topic) => byTopic.GetValueOrDefault(topic);
}

using Microsoft.Extensions.Options;

namespace TalentMesh.EventBus.Transport;

/// <summary>Maps logical topics (from the event descriptors) to broker topic names and dead-letter topics.</summary>
public sealed class TopicNames(IOptions<EventBusOptions> options)
{
    private readonly string prefix = options.Value.TopicPrefix;
    private readonly string deadLetterSuffix = options.Value.DeadLetterSuffix;

    public string Physical(string topic) => prefix + topic;

    public string DeadLetter(string topic) => prefix + topic + deadLetterSuffix;

    public string Logical(string physicalTopic) =>
        physicalTopic.StartsWith(prefix, StringComparison.Ordinal) ? physicalTopic[prefix.Length..] : physicalTopic;
}

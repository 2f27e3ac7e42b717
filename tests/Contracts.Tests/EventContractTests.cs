using System.Text.RegularExpressions;
using Google.Protobuf.Reflection;
using Xunit;
using static TalentMesh.Contracts.Tests.ContractDescriptors;

namespace TalentMesh.Contracts.Tests;

public sealed partial class EventContractTests
{
    // Field-name fragments that would put personal data into an event. Event payloads cross service
    // boundaries, logs and dead-letter streams, so they must never carry it.
    private static readonly string[] ForbiddenFragments =
        ["id_number", "identity_number", "phone", "mobile", "full_name", "given_name", "family_name",
         "first_name", "last_name", "surname", "person_name", "bank_account", "email"];

    [Fact]
    public void EventsPackage_HasEventMessages()
    {
        Assert.NotEmpty(EventMessages);
    }

    [Fact]
    public void EveryEvent_DeclaresTopic()
    {
        var missing = EventMessages.Where(m => string.IsNullOrWhiteSpace(Topic(m))).Select(m => m.Name);
        Assert.Empty(missing);
    }

    [Fact]
    public void Topics_AreUnique()
    {
        var duplicates = EventMessages.GroupBy(Topic).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.Empty(duplicates);
    }

    [Fact]
    public void Topics_AreLowerCaseEntityDotVerb()
    {
        var malformed = EventMessages.Select(m => Topic(m) ?? "").Where(t => !TopicPattern().IsMatch(t));
        Assert.Empty(malformed);
    }

    [Fact]
    public void Events_CarryNoPersonalData()
    {
        var offending =
            from e in EventMessages
            from m in Reachable(e)
            from f in m.Fields.InDeclarationOrder()
            where f.Name == "name" || ForbiddenFragments.Any(f.Name.Contains)
            select $"{e.Name}: {m.Name}.{f.Name}";
        Assert.Empty(offending);
    }

    [Fact]
    public void Events_HaveNoEventIdField()
    {
        // The CloudEvent envelope carries the id; a second one in the payload could disagree.
        var offending = EventMessages.Where(m => m.FindFieldByName("event_id") is not null || m.FindFieldByName("id") is not null);
        Assert.Empty(offending.Select(m => m.Name));
    }

    [Fact]
    public void Events_HaveOccurredAtTimestamp()
    {
        var missing = EventMessages.Where(m =>
            m.FindFieldByName("occurred_at") is not { FieldType: FieldType.Message } f
            || f.MessageType.FullName != "google.protobuf.Timestamp");
        Assert.Empty(missing.Select(m => m.Name));
    }

    [GeneratedRegex("^[a-z]+(-[a-z]+)*\\.[a-z]+(-[a-z]+)*$")]
    private static partial Regex TopicPattern();
}

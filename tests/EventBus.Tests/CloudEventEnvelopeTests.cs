using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using TalentMesh.EventBus.Events;

namespace TalentMesh.EventBus.Tests;

/// <summary>
/// The envelope the bus writes on its per-thread buffer is the one the CloudEvents SDK writes: the same bytes, event
/// after event on one thread, whatever came before.
/// </summary>
public sealed class CloudEventEnvelopeTests
{
    private static readonly CloudEventAttribute[] Extensions =
        [CloudEventCodec.TopicAttribute, CloudEventCodec.PubSubNameAttribute, CloudEventCodec.TraceParentAttribute, CloudEventCodec.TraceStateAttribute];

    [Fact]
    public void EncodeStructured_OneThreadManyEvents_WritesTheSdksBytesForEach()
    {
        var formatter = new RawJsonEventFormatter();
        var reference = new SdkEnvelopeWriter();
        // Large before small, so that a buffer reused without its written count reset would show the larger event's tail.
        CloudEvent[] events =
        [
            Event("large", Data(20_000), traceState: null),
            Event("small", "{\"talentId\":\"t-1\"}", traceState: "zone=north"),
            Event("protobuf-style", "{ \"talentId\": \"t-2\", \"tier\": \"TIER_B\" }", traceState: null),
            Event("non-ascii", "{\"name\":\"高新人才码\",\"note\":\"a \\\"quoted\\\" value\"}", traceState: "vendor=人"),
            Event("empty-object", "{}", traceState: null),
        ];

        foreach (var cloudEvent in events)
            Assert.Equal(Encoding.UTF8.GetString(reference.EncodeStructuredModeMessage(cloudEvent, out _).Span),
                Encoding.UTF8.GetString(formatter.EncodeStructured(cloudEvent)));
    }

    [Fact]
    public void EncodeStructuredModeMessage_GivesTheStructuredContentType()
    {
        new RawJsonEventFormatter().EncodeStructuredModeMessage(Event("content-type", "{}", null), out var contentType);

        Assert.Equal("application/cloudevents+json; charset=utf-8", contentType.ToString());
    }

    [Fact]
    public void EncodeStructured_DataThatIsNotJson_ThrowsAndTheThreadsNextEnvelopeIsWhole()
    {
        var formatter = new RawJsonEventFormatter();
        var valid = Event("after-failure", "{\"talentId\":\"t-3\"}", traceState: null);

        Assert.ThrowsAny<JsonException>(() => formatter.EncodeStructured(Event("broken", "{\"talentId\":", traceState: null)));

        Assert.Equal(Encoding.UTF8.GetString(new SdkEnvelopeWriter().EncodeStructuredModeMessage(valid, out _).Span),
            Encoding.UTF8.GetString(formatter.EncodeStructured(valid)));
    }

    [Fact]
    public void Encode_ThenDecode_GivesBackEveryAttributeAndTheData()
    {
        var time = new DateTimeOffset(2026, 12, 5, 15, 24, 28, TimeSpan.Zero).AddTicks(1234567);
        var outgoing = new OutgoingEvent("e-1", "talentmesh.tests.v1.SampleHappened", time, "{ \"key\": \"人才\", \"value\": 7 }",
            "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "zone=north");

        var envelope = CloudEventCodec.Encode(outgoing, "producer", "pubsub", "talentmesh.sample.happened");
        var incoming = CloudEventCodec.Decode(envelope, "sample.happened", 1);

        Assert.Equal(("e-1", "talentmesh.tests.v1.SampleHappened", "producer", time), (incoming.Id, incoming.Type, incoming.Source, incoming.Time));
        Assert.Equal((outgoing.TraceParent, outgoing.TraceState), (incoming.TraceParent, incoming.TraceState));
        Assert.Equal(outgoing.DataJson, incoming.DataJson);
        using var document = JsonDocument.Parse(envelope);
        Assert.Equal(("talentmesh.sample.happened", "pubsub"),
            (document.RootElement.GetProperty("topic").GetString(), document.RootElement.GetProperty("pubsubname").GetString()));
    }

    private static CloudEvent Event(string id, string dataJson, string? traceState)
    {
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0, Extensions)
        {
            Id = id,
            Source = new Uri("registration", UriKind.RelativeOrAbsolute),
            Type = "talentmesh.registration.v1.TalentRegistered",
            Time = new DateTimeOffset(2026, 12, 5, 15, 24, 28, 123, TimeSpan.FromHours(8)),
            DataContentType = CloudEventCodec.JsonContentType,
            Data = new RawJsonEventFormatter.RawJson(dataJson),
            [CloudEventCodec.TopicAttribute] = "talentmesh.talent.registered",
            [CloudEventCodec.PubSubNameAttribute] = "pubsub",
            [CloudEventCodec.TraceParentAttribute] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        };
        if (traceState is not null)
            cloudEvent[CloudEventCodec.TraceStateAttribute] = traceState;
        return cloudEvent;
    }

    private static string Data(int length) => "{\"padding\":\"" + new string('p', length) + "\"}";

    /// <summary>The SDK's own EncodeStructuredModeMessage, with the data written as the raw JSON it is.</summary>
    private sealed class SdkEnvelopeWriter : JsonEventFormatter
    {
        protected override void EncodeStructuredModeData(CloudEvent cloudEvent, Utf8JsonWriter writer)
        {
            writer.WritePropertyName(DataPropertyName);
            writer.WriteRawValue(((RawJsonEventFormatter.RawJson)cloudEvent.Data!).Text);
        }
    }
}

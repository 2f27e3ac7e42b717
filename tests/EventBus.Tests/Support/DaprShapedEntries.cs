using System.Text.Json;

namespace TalentMesh.EventBus.Tests.Support;

/// <summary>
/// Stream entries exactly as daprd's pubsub.redis writes them, following daprd's own code in dapr/components-contrib
/// (commit c23900d2760de2061143587c16c5e30ab3f092cf, v1.18.0-rc.1-63):
/// <list type="bullet">
/// <item><c>pubsub/envelope.go</c> <c>NewCloudEventsEnvelope</c>: the CloudEvent map, marshalled by Go's encoding/json
/// (keys sorted); JSON content types keep <c>data</c> as JSON, <c>application/octet-stream</c> (<c>IsBinaryContentType</c>)
/// goes base64 into <c>data_base64</c>, every other content type becomes a JSON string in <c>data</c>; <c>time</c> is
/// <c>time.Now()</c> in RFC 3339 (seconds); <c>traceid</c> repeats <c>traceparent</c>.</item>
/// <item><c>pubsub/redis/redis.go</c> <c>Publish</c>: <c>XADD topic MAXLEN ~ n * data &lt;bytes&gt; [metadata &lt;JSON map&gt;]</c>.</item>
/// <item>dapr/dapr (commit d8450742ce3260d93a2346f4398a1e60d019a45b) <c>pkg/api/grpc/grpc.go</c> <c>PublishEvent</c>: with
/// metadata <c>rawPayload=true</c> no envelope is built; the body is stored as is and the metadata gains
/// <c>traceid</c>/<c>tracestate</c>.</item>
/// </list>
/// </summary>
public static class DaprShapedEntries
{
    public const string TraceParent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    public static string Sample(string id, string topic, string key, int value, string type = "talentmesh.tests.v1.SampleHappened") =>
        Envelope(id, topic, "application/json", "data", "{\"key\":\"" + key + "\",\"value\":" + value + "}", type);

    /// <summary>Binary data (application/octet-stream): base64 in <c>data_base64</c>.</summary>
    public static string Binary(string id, string topic, byte[] data, string contentType = "application/octet-stream",
        string type = "talentmesh.tests.v1.SampleHappened") =>
        Envelope(id, topic, contentType, "data_base64", JsonSerializer.Serialize(Convert.ToBase64String(data)), type);

    /// <summary>Text data (e.g. text/plain): a JSON string in <c>data</c>.</summary>
    public static string Text(string id, string topic, string text, string contentType = "text/plain") =>
        Envelope(id, topic, contentType, "data", JsonSerializer.Serialize(text), "talentmesh.tests.v1.SampleHappened");

    /// <summary>The <c>metadata</c> field of a rawPayload publish (Go's json.Marshal of map[string]string: sorted keys).</summary>
    public static string RawPayloadMetadata() =>
        "{\"rawPayload\":\"true\",\"traceid\":\"" + TraceParent + "\",\"tracestate\":\"\"}";

    private static string Envelope(string id, string topic, string contentType, string dataField, string dataJson, string type)
    {
        // Go sorts map keys byte-wise: "data" < "data_base64" < "datacontenttype".
        var data = "\"" + dataField + "\":" + dataJson + ",";
        return "{" + data +
            "\"datacontenttype\":\"" + contentType + "\",\"id\":\"" + id + "\",\"pubsubname\":\"pubsub\"," +
            "\"source\":\"producer\",\"specversion\":\"1.0\",\"time\":\"2026-11-29T12:00:00Z\",\"topic\":\"" + topic + "\"," +
            "\"traceid\":\"" + TraceParent + "\",\"traceparent\":\"" + TraceParent + "\",\"tracestate\":\"\"," +
            "\"type\":\"" + type + "\"}";
    }
}

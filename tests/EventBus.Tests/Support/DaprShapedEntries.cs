namespace TalentMesh.EventBus.Tests.Support;

/// <summary>
/// Stream entries exactly as daprd's pubsub.redis writes them: the CloudEvent as JSON with Go's sorted keys,
/// daprd's extensions (topic, pubsubname, traceid, traceparent, tracestate) and second-precision RFC 3339 time.
/// </summary>
public static class DaprShapedEntries
{
    public static string Sample(string id, string topic, string key, int value) =>
        "{\"data\":{\"key\":\"" + key + "\",\"value\":" + value + "}," +
        "\"datacontenttype\":\"application/json\",\"id\":\"" + id + "\",\"pubsubname\":\"pubsub\"," +
        "\"source\":\"producer\",\"specversion\":\"1.0\",\"time\":\"2026-11-29T12:00:00Z\",\"topic\":\"" + topic + "\"," +
        "\"traceid\":\"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\"," +
        "\"traceparent\":\"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\",\"tracestate\":\"\"," +
        "\"type\":\"talentmesh.tests.v1.SampleHappened\"}";
}

using System.Diagnostics;
using TalentMesh.EventBus.Diagnostics;
using TalentMesh.EventBus.Tests.Support;
using TalentMesh.Testing;

namespace TalentMesh.EventBus.Tests;

public sealed class TraceContextTests(RedisServerFixture redis) : BusTestBase(redis)
{
    [Fact]
    public async Task Publish_WithinATrace_HandlerRunsInTheSameTrace()
    {
        var prefix = TopicPrefix();
        var probe = new HandlerProbe();
        var seen = new System.Collections.Concurrent.ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is EventBusTelemetry.SourceName or "test",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => seen.Enqueue(activity),
        };
        ActivitySource.AddActivityListener(listener);
        using var source = new ActivitySource("test");
        await using var producer = await BusHost.StartAsync(Producer(prefix));
        await using var consumer = await BusHost.StartAsync(Consumer(prefix, probe));

        ActivityTraceId traceId;
        using (var request = source.StartActivity("request"))
        {
            traceId = request!.TraceId;
            await producer.PublishAsync(Sample("traced"));
        }

        await Eventually.TrueAsync(() => seen.Any(activity => activity.OperationName == $"process {SampleTopic(prefix)[prefix.Length..]}" && activity.TraceId == traceId),
            Deadline, "the consumer's process span joined the request's trace");
        Assert.Contains(seen, activity => activity.OperationName.StartsWith("publish ", StringComparison.Ordinal) && activity.TraceId == traceId);
    }
}

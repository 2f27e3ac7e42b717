using System.Diagnostics;
using StackExchange.Redis;
using TalentMesh.EventBus.Benchmarks.Protos;
using TalentMesh.EventBus.Handling;
using TalentMesh.ServiceDefaults.Redis;

namespace TalentMesh.EventBus.Benchmarks;

/// <summary>
/// A handler as a service writes one: its state change (a counter) and the inbox marker commit together.
/// The sample is taken once the commit returned, so latency ends at the handler's commit.
/// </summary>
public sealed class BenchmarkHandler(DeliveryRecorder recorder, RedisKeyspace keyspace) : IIntegrationEventHandler<BenchmarkHappened>
{
    private readonly RedisKey counter = keyspace.Key("handled");

    public async Task HandleAsync(BenchmarkHappened @event, EventContext context, CancellationToken cancellationToken)
    {
        var unitOfWork = context.BeginUnitOfWork();
        unitOfWork.Increment(counter);
        if (await EventContext.CommitAsync(unitOfWork))
            recorder.Record(@event.Run, @event.Sequence, @event.ScheduledAt, Stopwatch.GetTimestamp());
    }
}

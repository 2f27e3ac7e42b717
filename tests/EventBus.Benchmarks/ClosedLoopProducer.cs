using StackExchange.Redis;
using TalentMesh.EventBus.Benchmarks.Protos;
using TalentMesh.EventBus.Outbox;

namespace TalentMesh.EventBus.Benchmarks;

/// <summary>What API calls do at saturation: <c>concurrency</c> callers, each committing state + one event and then the next.</summary>
public static class ClosedLoopProducer
{
    /// <summary>
    /// Runs <paramref name="commit"/> for sequences 0..events-1 on <paramref name="concurrency"/> workers; stops early
    /// when <paramref name="stop"/> fires. Returns how many sequences were started.
    /// </summary>
    public static async Task<int> RunAsync(int events, int concurrency, Func<int, int, Task> commit, CancellationToken stop)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            int sequence;
            while ((sequence = Interlocked.Increment(ref next)) < events && !stop.IsCancellationRequested)
                await commit(worker, sequence);
        })));
        return Math.Min(next, events);
    }

    /// <summary>One API call's unit of work: a small state write and the event, committed atomically through the outbox.</summary>
    public static async Task CommitAsync(EventUnitOfWorkFactory unitsOfWork, BenchmarkHappened @event, RedisKey stateKey)
    {
        var unitOfWork = unitsOfWork.Begin();
        unitOfWork.Set(stateKey, @event.Sequence);
        unitOfWork.Publish(@event);
        if (await unitOfWork.CommitAsync() != CommitOutcome.Committed)
            throw new InvalidOperationException($"Commit of event {@event.Sequence} failed.");
    }
}

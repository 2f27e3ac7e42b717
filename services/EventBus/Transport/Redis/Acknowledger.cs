using System.Collections.Concurrent;
using StackExchange.Redis;

namespace TalentMesh.EventBus.Transport.Redis;

/// <summary>
/// Acknowledges each entry as soon as its handler finishes, without one XACK per entry: entries that finish while an
/// XACK is in flight leave together in the next one (one per topic). A slow entry holds back nobody's ack.
/// </summary>
public sealed class Acknowledger(IConnectionMultiplexer redis, string group)
{
    private readonly ConcurrentQueue<(ReceivedEntry Entry, TaskCompletionSource Done)> waiting = new();
    private int flushing;

    public Task AcknowledgeAsync(ReceivedEntry entry)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        waiting.Enqueue((entry, done));
        if (Interlocked.CompareExchange(ref flushing, 1, 0) == 0)
            _ = FlushAsync();
        return done.Task;
    }

    /// <summary>Sends what waits, then what gathered meanwhile, until nothing waits; one flush loop at a time.</summary>
    private async Task FlushAsync()
    {
        while (true)
        {
            var batch = new List<(ReceivedEntry Entry, TaskCompletionSource Done)>();
            while (waiting.TryDequeue(out var next))
                batch.Add(next);
            if (batch.Count > 0)
            {
                try
                {
                    var database = redis.GetDatabase();
                    await Task.WhenAll(batch.GroupBy(item => item.Entry.PhysicalTopic).Select(topic =>
                        database.StreamAcknowledgeAsync(topic.Key, group, topic.Select(item => item.Entry.Id).ToArray())));
                    foreach (var item in batch)
                        item.Done.TrySetResult();
                }
                catch (Exception exception)
                {
                    foreach (var item in batch)
                        item.Done.TrySetException(exception);
                }
                continue;
            }
            // A full fence: a commit enqueued after the check below saw the flag still set and left the flush to us.
            Interlocked.Exchange(ref flushing, 0);
            if (waiting.IsEmpty || Interlocked.CompareExchange(ref flushing, 1, 0) != 0)
                return;
        }
    }
}

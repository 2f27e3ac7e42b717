using System.Collections.Concurrent;
using StackExchange.Redis;

namespace TalentMesh.EventBus.Outbox;

/// <summary>
/// Sends units of work to Redis, several per script call when several are waiting (group commit). Up to
/// <see cref="MaxGroupsInFlight"/> calls are in flight at once, so a commit that arrives below that limit goes out
/// at once and waits for nobody; only when the limit is reached do new commits gather, and they leave together as
/// soon as a call returns. Under load this turns N round trips, N script calls and N writes on the shared connection
/// into one, which is where a busy service spends its Redis time.
/// </summary>
public sealed class GroupCommitter(IConnectionMultiplexer redis)
{
    /// <summary>Bounds one script call; a burst larger than this leaves in several consecutive groups.</summary>
    internal const int MaxGroupSize = 128;

    /// <summary>Script calls in flight before commits start to gather; enough to keep the connection busy.</summary>
    internal const int MaxGroupsInFlight = 4;

    private readonly ConcurrentQueue<PendingCommit> waiting = new();
    private readonly SemaphoreSlim inFlight = new(MaxGroupsInFlight, MaxGroupsInFlight);
    private int flushing;

    /// <summary>Commits <paramref name="unit"/>; completes with 0 (committed) or the number of its first failed condition.</summary>
    internal Task<long> CommitAsync(CommitUnit unit)
    {
        var pending = new PendingCommit(unit);
        waiting.Enqueue(pending);
        if (Interlocked.CompareExchange(ref flushing, 1, 0) == 0)
            _ = FlushAsync();
        return pending.Result.Task;
    }

    /// <summary>Sends groups until nothing waits; exactly one flush loop runs at a time.</summary>
    private async Task FlushAsync()
    {
        var sent = false;
        while (true)
        {
            // The first group goes out on the committing caller's thread (no hop for a lone commit); later ones from
            // the thread pool, so that caller gets its task back instead of flushing for everyone else.
            if (sent && !waiting.IsEmpty)
                await Task.Yield();
            // Wait for a free slot first, so the group takes everything that gathered meanwhile.
            await inFlight.WaitAsync();
            var group = new List<PendingCommit>();
            while (group.Count < MaxGroupSize && waiting.TryDequeue(out var next))
                group.Add(next);
            if (group.Count > 0)
            {
                _ = SendAsync(group);
                sent = true;
                continue;
            }
            inFlight.Release();
            // A full fence, not a volatile write: the check below must not be reordered before the reset, or a commit
            // enqueued in between (which saw the flag still set and left the flush to us) would be stranded.
            Interlocked.Exchange(ref flushing, 0);
            if (waiting.IsEmpty || Interlocked.CompareExchange(ref flushing, 1, 0) != 0)
                return;
        }
    }

    private async Task SendAsync(List<PendingCommit> group)
    {
        try
        {
            var (keys, values) = Encode(group);
            var replies = (RedisResult[])(await CommitScript.Script.EvaluateAsync(redis.GetDatabase(), keys, values))!;
            for (var i = 0; i < group.Count; i++)
            {
                if (replies[i].Resp2Type == ResultType.BulkString)
                    group[i].Result.TrySetException(Failure((string)replies[i]!));
                else
                    group[i].Result.TrySetResult((long)replies[i]);
            }
        }
        catch (Exception exception)
        {
            foreach (var pending in group)
                pending.Result.TrySetException(exception);
        }
        finally
        {
            inFlight.Release();
        }
    }

    private static Exception Failure(string reply) => reply.StartsWith(CommitScript.RefusedPrefix, StringComparison.Ordinal)
        ? new CommitRefusedException(reply[CommitScript.RefusedPrefix.Length..])
        : new InvalidOperationException($"A write of the unit of work failed in Redis after its checks passed (the writes before it stay; " +
            $"its inbox marker and events were not written): {reply[CommitScript.WriteFailedPrefix.Length..]}");

    private static (RedisKey[] Keys, RedisValue[] Values) Encode(List<PendingCommit> group)
    {
        int keyCount = 0, argumentCount = 1;
        foreach (var pending in group)
        {
            keyCount += pending.Unit.Keys.Count;
            argumentCount += pending.Unit.ArgumentCount;
        }
        var keys = new RedisKey[keyCount];
        var values = new RedisValue[argumentCount];
        values[0] = group.Count;
        int keyPosition = 0, position = 1;
        foreach (var pending in group)
        {
            pending.Unit.AppendArguments(values, ref position, keyPosition);
            foreach (var key in pending.Unit.Keys)
                keys[keyPosition++] = key;
        }
        return (keys, values);
    }

    private sealed class PendingCommit(CommitUnit unit)
    {
        public CommitUnit Unit { get; } = unit;

        // Continuations run on the thread pool, never inline on the flush loop.
        public TaskCompletionSource<long> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

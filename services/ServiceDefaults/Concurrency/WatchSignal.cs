namespace TalentMesh.ServiceDefaults.Concurrency;

/// <summary>
/// Wakes the live watchers of one key (a talent) in this process the moment a unit of work that changed what they
/// watch commits. A watcher holds a lease for as long as its stream lasts and takes <see cref="WakeUp.Next"/> before
/// it reads, so a commit between the read and the wait still wakes it. Writes committed by another replica do not pass
/// through here: watchers also read again after a slow safety poll for those. Only keys with a live watcher have an
/// entry, so memory follows the open streams, not every talent who ever watched (a load run opens streams per workflow).
/// </summary>
public sealed class WatchSignal
{
    private readonly SharedByKey<WakeUp> watches = new(static () => new WakeUp());

    /// <summary>Live watches (for tests: an ended stream leaves nothing behind).</summary>
    public int Count => watches.Count;

    /// <summary>Starts watching <paramref name="key"/>; dispose the lease when the stream ends.</summary>
    public SharedByKey<WakeUp>.Lease Open(string key) => watches.Acquire(key);

    /// <summary>Wakes the key's watchers, if any; without one this costs a lookup and allocates nothing.</summary>
    public void Wake(string key)
    {
        if (watches.TryGet(key, out var wakeUp))
            wakeUp.Wake();
    }

    /// <summary>One key's pending wake-up, shared by its watchers in this process.</summary>
    public sealed class WakeUp
    {
        private readonly Lock gate = new();
        private TaskCompletionSource next = NewSource();

        /// <summary>Completes at the next wake-up after this call.</summary>
        public Task Next()
        {
            lock (gate)
                return next.Task;
        }

        internal void Wake()
        {
            TaskCompletionSource woken;
            lock (gate)
                (woken, next) = (next, NewSource());
            woken.TrySetResult();
        }

        private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>
    /// Waits for a wake-up or, at the latest, <paramref name="safetyPoll"/>; returns false once the watcher has left
    /// (its stream's token), without throwing: every watch ends that way, and exceptions are dear on a path each takes.
    /// </summary>
    public static async Task<bool> WaitAsync(Task woken, TimeSpan safetyPoll, TimeProvider time, CancellationToken left)
    {
        using (var idle = CancellationTokenSource.CreateLinkedTokenSource(left))
        {
            await Task.WhenAny(woken, Task.Delay(safetyPoll, time, idle.Token));
            await idle.CancelAsync();
        }
        return !left.IsCancellationRequested;
    }
}

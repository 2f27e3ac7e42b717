namespace TalentMesh.ServiceDefaults.Concurrency;

/// <summary>
/// Wakes the live watchers of one key (a talent) the moment a unit of work that changed what they watch commits: at
/// once in this process, and through <c>tellOtherReplicas</c> (a Redis channel, <see cref="Redis.WatchRelay"/>) in the
/// service's other replicas, whose watchers may be the talent's. A watcher holds a lease for as long as its stream lasts
/// and takes <see cref="WakeUp.Next"/> before it reads, so a commit between the read and the wait still wakes it. A
/// wake-up between replicas can be lost (the channel delivers at most once, nothing while a connection is down):
/// watchers also read again after a slow safety poll. Only keys with a live watcher have an entry, so memory follows the
/// open streams, not every talent who ever watched (a load run opens streams per workflow).
/// </summary>
/// <param name="tellOtherReplicas">Passes a key on to the other replicas; none in a single process (tests).</param>
public sealed class WatchSignal(Action<string>? tellOtherReplicas = null)
{
    /// <summary>
    /// How often an idle watcher reads again without being woken: only a wake-up lost between replicas (or one whose
    /// replica crashed between its commit and its PUBLISH) waits this long. Not shorter: every open stream reads once
    /// per poll, and a talent's app keeps its streams open while the talent waits.
    /// </summary>
    public static readonly TimeSpan SafetyPoll = TimeSpan.FromSeconds(5);

    private readonly SharedByKey<WakeUp> watches = new(static () => new WakeUp());

    /// <summary>Live watches (for tests: an ended stream leaves nothing behind).</summary>
    public int Count => watches.Count;

    /// <summary>Starts watching <paramref name="key"/>; dispose the lease when the stream ends.</summary>
    public SharedByKey<WakeUp>.Lease Open(string key) => watches.Acquire(key);

    /// <summary>Wakes the key's watchers in every replica: call it when a commit changed what they watch.</summary>
    public void Wake(string key)
    {
        WakeHere(key);
        tellOtherReplicas?.Invoke(key);
    }

    /// <summary>
    /// Wakes the key's watchers in this process only (a wake-up another replica passed on); without a watcher this
    /// costs a lookup and allocates nothing.
    /// </summary>
    public void WakeHere(string key)
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
    /// Waits for a wake-up or, at the latest, the <see cref="SafetyPoll"/>; returns false once the watcher has left
    /// (its stream's token), without throwing: every watch ends that way, and exceptions are dear on a path each takes.
    /// </summary>
    public static async Task<bool> WaitAsync(Task woken, TimeProvider time, CancellationToken left)
    {
        using (var idle = CancellationTokenSource.CreateLinkedTokenSource(left))
        {
            await Task.WhenAny(woken, Task.Delay(SafetyPoll, time, idle.Token));
            await idle.CancelAsync();
        }
        return !left.IsCancellationRequested;
    }
}

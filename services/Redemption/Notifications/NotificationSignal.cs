using TalentMesh.ServiceDefaults.Concurrency;

namespace TalentMesh.Redemption.Notifications;

/// <summary>
/// Wakes a talent's live notification watchers in this process the moment a unit of work that added a notification
/// for them commits. A watcher holds a lease for as long as its stream lasts and takes
/// <see cref="WakeUp.Next"/> before it reads its feed, so a commit between the read and the wait still wakes it. Writes
/// committed by another replica do not pass through here: watchers also poll the feed slowly
/// (<see cref="NotificationApi.SafetyPoll"/>) for those. Only talents with a live watcher have an entry, so memory
/// follows the open streams, not every talent who ever watched (a load run opens one stream per workflow).
/// </summary>
public sealed class NotificationSignal
{
    private readonly SharedByKey<WakeUp> watches = new(static () => new WakeUp());

    /// <summary>Live watches (for tests: an ended stream leaves nothing behind).</summary>
    public int Count => watches.Count;

    /// <summary>Starts watching <paramref name="talentId"/>; dispose the lease when the stream ends.</summary>
    public SharedByKey<WakeUp>.Lease Open(string talentId) => watches.Acquire(talentId);

    /// <summary>Wakes the talent's watchers, if any; without one this costs a lookup and allocates nothing.</summary>
    public void Wake(string talentId)
    {
        if (watches.TryGet(talentId, out var wakeUp))
            wakeUp.Wake();
    }

    /// <summary>One talent's pending wake-up, shared by its watchers in this process.</summary>
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
}

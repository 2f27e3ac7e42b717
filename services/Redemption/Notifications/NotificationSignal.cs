using System.Collections.Concurrent;

namespace TalentMesh.Redemption.Notifications;

/// <summary>
/// Wakes a talent's live notification watchers in this process the moment a unit of work that added a notification
/// for them commits. A watcher holds a <see cref="Watch"/> for as long as its stream lasts and takes
/// <see cref="Watch.Next"/> before it reads its feed, so a commit between the read and the wait still wakes it. Writes
/// committed by another replica do not pass through here: watchers also poll the feed slowly
/// (<see cref="NotificationApi.SafetyPoll"/>) for those. Only talents with a live watcher have an entry, so memory
/// follows the open streams, not every talent who ever watched (a load run opens one stream per workflow).
/// </summary>
public sealed class NotificationSignal
{
    private readonly ConcurrentDictionary<string, Watch> watches = new(StringComparer.Ordinal);

    /// <summary>Live watches (for tests: an ended stream leaves nothing behind).</summary>
    public int Count => watches.Count;

    /// <summary>Starts watching <paramref name="talentId"/>; dispose the watch when the stream ends.</summary>
    public Watch Open(string talentId)
    {
        while (true)
        {
            var watch = watches.GetOrAdd(talentId, static (id, signal) => new Watch(signal, id), this);
            if (watch.Join())
                return watch;
            // The last watcher left between GetOrAdd and Join and removed it: take a fresh one.
        }
    }

    /// <summary>Wakes the talent's watchers, if any; without one this costs a lookup and allocates nothing.</summary>
    public void Wake(string talentId)
    {
        if (watches.TryGetValue(talentId, out var watch))
            watch.Wake();
    }

    /// <summary>One talent's watchers in this process, sharing one pending wake-up.</summary>
    public sealed class Watch : IDisposable
    {
        private readonly NotificationSignal signal;
        private readonly string talentId;
        private readonly Lock gate = new();
        private TaskCompletionSource next = NewSource();
        private int watchers;
        private bool closed;

        internal Watch(NotificationSignal signal, string talentId) => (this.signal, this.talentId) = (signal, talentId);

        /// <summary>Completes at the next wake-up after this call.</summary>
        public Task Next()
        {
            lock (gate)
                return next.Task;
        }

        internal bool Join()
        {
            lock (gate)
            {
                if (closed)
                    return false;
                watchers++;
                return true;
            }
        }

        internal void Wake()
        {
            TaskCompletionSource woken;
            lock (gate)
            {
                woken = next;
                next = NewSource();
            }
            woken.TrySetResult();
        }

        /// <summary>Leaves the watch; the last watcher to leave removes the talent's entry.</summary>
        public void Dispose()
        {
            lock (gate)
            {
                if (closed || --watchers > 0)
                    return;
                closed = true;
            }
            signal.watches.TryRemove(new KeyValuePair<string, Watch>(talentId, this));
        }

        private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

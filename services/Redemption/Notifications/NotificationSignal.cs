using System.Collections.Concurrent;

namespace TalentMesh.Redemption.Notifications;

/// <summary>
/// Wakes a talent's live notification watchers in this process the moment a unit of work that added a notification
/// for them commits. A watcher takes <see cref="Next"/> before it reads its feed, so a commit between the read and the
/// wait still wakes it. Writes committed by another replica do not pass through here: watchers also poll the feed
/// slowly (<see cref="NotificationApi.SafetyPoll"/>) for those. A talent's pending wake-up stays until the next
/// notification for them (one small object per talent who watched; several watchers of one talent share it).
/// </summary>
public sealed class NotificationSignal
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> waiting = new(StringComparer.Ordinal);

    /// <summary>Completes at the next <see cref="Wake"/> for <paramref name="talentId"/> (shared by that talent's watchers).</summary>
    public Task Next(string talentId) =>
        waiting.GetOrAdd(talentId, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Wake(string talentId)
    {
        if (waiting.TryRemove(talentId, out var next))
            next.TrySetResult();
    }

}

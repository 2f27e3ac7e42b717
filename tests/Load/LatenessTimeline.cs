using System.Collections.Concurrent;
using System.Diagnostics;

namespace TalentMesh.Load;

/// <summary>
/// When each measured workflow was verified and when it became visible (Stopwatch timestamps), so the report can say
/// when the late ones were verified, not only how many there were: a spell shows as a run of seconds in which most
/// are late, a slow evening as a few late ones in every second. Workflows record from many threads at once.
/// </summary>
public sealed class LatenessTimeline
{
    private readonly ConcurrentQueue<(long Verified, long Visible)> workflows = new();

    public void Record(long verified, long visible) => workflows.Enqueue((verified, visible));

    /// <summary>The measured workflows against the goal, by the second from <paramref name="windowStart"/> HR verified them in.</summary>
    public LatenessSummary Summarize(long windowStart, long windowEnd, TimeSpan goal, Disturbance? disturbance) =>
        LatenessSummary.Of(workflows.ToArray(), windowStart, windowEnd, Stopwatch.Frequency, goal, disturbance);
}

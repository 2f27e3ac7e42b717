namespace TalentMesh.Load;

/// <summary>
/// How many workflows were late (verified → visible at or over the goal) and when: per second and per
/// <see cref="OpenLoopRun.ProgressInterval"/> of the window, by the second HR verified them.
/// </summary>
/// <param name="Count">Workflows that became visible (every one is measured; the last are verified just after the window).</param>
/// <param name="Late">Of them, visible at or after the goal.</param>
/// <param name="LatePerSpan">Late workflows in each progress interval from the window's start, in order.</param>
/// <param name="LateSeconds">Seconds from the window's start in which more than <see cref="LateShare"/> of the workflows were late.</param>
/// <param name="Absorbed">With a disturbance: no late second from its start until <see cref="SettledSeconds"/> after its end.</param>
/// <param name="BackWithin">With a disturbance that was not absorbed: the start of the first <see cref="SettledSeconds"/>
/// seconds in a row after it stopped with none of them late (seconds from the window's start); null when the run ended
/// first.</param>
/// <param name="Recovery">From the disturbance's end to <paramref name="BackWithin"/>.</param>
public sealed record LatenessSummary(int Count, int Late, IReadOnlyList<int> LatePerSpan, IReadOnlyList<int> LateSeconds,
    Disturbance? Disturbance, bool Absorbed, int? BackWithin, TimeSpan? Recovery)
{
    /// <summary>A second with more late workflows than this share would, alone, be the p99's whole allowance.</summary>
    public const double LateShare = 0.01;

    /// <summary>How long the mesh must stay within the goal to count as back: a progress interval.</summary>
    public static readonly int SettledSeconds = (int)OpenLoopRun.ProgressInterval.TotalSeconds;

    /// <summary>How many late workflows the p99 goal tolerates among <see cref="Count"/>.</summary>
    public int Allowed => Count / 100;

    public static LatenessSummary Of(IReadOnlyCollection<(long Verified, long Visible)> workflows, long windowStart, long windowEnd, long frequency,
        TimeSpan goal, Disturbance? disturbance)
    {
        var goalTicks = (long)(goal.TotalSeconds * frequency);
        long SecondOf(long timestamp) => Math.Max(0, (timestamp - windowStart) / frequency);
        var seconds = (int)Math.Max(Math.Ceiling((windowEnd - windowStart) / (double)frequency), workflows.Count == 0 ? 0 : workflows.Max(w => SecondOf(w.Verified)) + 1);
        var all = new int[seconds];
        var late = new int[seconds];
        foreach (var (verified, visible) in workflows)
        {
            all[SecondOf(verified)]++;
            if (visible - verified >= goalTicks)
                late[SecondOf(verified)]++;
        }
        var perSpan = Enumerable.Range(0, (seconds + SettledSeconds - 1) / SettledSeconds)
            .Select(span => late.Skip(span * SettledSeconds).Take(SettledSeconds).Sum()).ToArray();
        var lateSeconds = Enumerable.Range(0, seconds).Where(second => late[second] > LateShare * all[second]).ToArray();
        if (disturbance is null)
            return new LatenessSummary(all.Sum(), late.Sum(), perSpan, lateSeconds, null, Absorbed: false, BackWithin: null, Recovery: null);

        // The settled seconds start once it has stopped (the first whole second after), so late seconds at any time
        // while it ran count against it.
        var from = (int)SecondOf(disturbance.From);
        var back = (int)Math.Ceiling(Math.Max(0, disturbance.To - windowStart) / (double)frequency);
        while (back < seconds && lateSeconds.Any(second => second >= back && second < back + SettledSeconds))
            back++;
        var absorbed = !lateSeconds.Any(second => second >= from && second < back);
        var settled = back + SettledSeconds <= seconds;
        int? backWithin = !absorbed && settled ? back : null;
        TimeSpan? recovery = backWithin is { } start ? TimeSpan.FromSeconds((windowStart + start * frequency - disturbance.To) / (double)frequency) : null;
        return new LatenessSummary(all.Sum(), late.Sum(), perSpan, lateSeconds, disturbance, absorbed && settled, backWithin, recovery);
    }
}

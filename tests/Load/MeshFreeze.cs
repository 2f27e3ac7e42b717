using System.Diagnostics;
using TalentMesh.Testing;

namespace TalentMesh.Load;

/// <summary>
/// Stops every process of the mesh (SIGSTOP) for a while and lets them go on (SIGCONT): the host not running the guest,
/// which this VM does not report as steal and which one surge looked like (docs/benchmarks.md, "Session 22"). Unlike
/// <see cref="MemoryStreamingNeighbour"/>, which the mesh absorbs in some runs and not in others, a freeze always leaves
/// the same backlog (its length times the arrival rate), so how long the mesh takes to work it off is a figure of the
/// code: its spare capacity with the backlog in it (1 s: back within the goal 2.9 s after it in three runs of three;
/// 2 s: 5.8–11.9 s, or a collapse in two runs of nine — docs/benchmarks.md, "Session 28").
/// </summary>
public static class MeshFreeze
{
    public const string What = "the mesh frozen (SIGSTOP)";

    /// <summary>Freezes <paramref name="processIds"/> for <paramref name="duration"/> from now, and says when they were stopped.</summary>
    public static async Task<Disturbance> RunAsync(IReadOnlyList<int> processIds, TimeSpan duration, CancellationToken cancellationToken)
    {
        await ProcessSignals.SendAsync("STOP", processIds);
        var from = Stopwatch.GetTimestamp();
        try
        {
            await Task.Delay(duration, cancellationToken);
        }
        finally
        {
            await ProcessSignals.SendAsync("CONT", processIds);
        }
        return new Disturbance(What, from, Stopwatch.GetTimestamp());
    }
}

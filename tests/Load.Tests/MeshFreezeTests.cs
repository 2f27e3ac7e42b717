using System.Diagnostics;
using TalentMesh.Testing;

namespace TalentMesh.Load.Tests;

public sealed class MeshFreezeTests
{
    [Fact]
    public async Task Freeze_StopsEveryProcessForItsDuration_ThenLetsThemGoOn()
    {
        using var first = Process.Start("sleep", "60");
        using var second = Process.Start("sleep", "60");
        try
        {
            // Both asleep first: a process still starting is in 'R' for a moment, and so is one that has a SIGSTOP
            // pending but has not been scheduled to act on it.
            await Eventually.TrueAsync(() => Both(first, second, 'S'), TimeSpan.FromSeconds(5), "the sleeps started");
            var duration = TimeSpan.FromSeconds(2);
            var run = MeshFreeze.RunAsync([first.Id, second.Id], duration, TestContext.Current.CancellationToken);

            // Stopped while it waits (kill runs as a process of its own).
            await Eventually.TrueAsync(() => Both(first, second, 'T') || run.IsCompleted, TimeSpan.FromSeconds(5), "the processes stopped");
            Assert.False(run.IsCompleted);

            var disturbance = await run;
            await Eventually.TrueAsync(() => Both(first, second, 'S'), TimeSpan.FromSeconds(5), "the processes went on");
            Assert.Equal(MeshFreeze.What, disturbance.What);
            Assert.InRange(Stopwatch.GetElapsedTime(disturbance.From, disturbance.To), duration, duration + TimeSpan.FromSeconds(5));
        }
        finally
        {
            first.Kill();
            second.Kill();
        }
    }

    private static bool Both(Process first, Process second, char state) =>
        ProcStat.State(first.Id) == state && ProcStat.State(second.Id) == state;
}

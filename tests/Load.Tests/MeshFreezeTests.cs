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
            var duration = TimeSpan.FromMilliseconds(500);
            var run = MeshFreeze.RunAsync([first.Id, second.Id], duration, TestContext.Current.CancellationToken);

            // Stopped while it waits (kill runs as a process of its own).
            await Eventually.TrueAsync(() => ProcStat.State(second.Id) == 'T' || run.IsCompleted, TimeSpan.FromSeconds(5), "the processes stopped");
            Assert.False(run.IsCompleted);
            Assert.Equal('T', ProcStat.State(first.Id));
            Assert.Equal('T', ProcStat.State(second.Id));

            var disturbance = await run;
            Assert.Equal('S', ProcStat.State(first.Id));
            Assert.Equal('S', ProcStat.State(second.Id));
            Assert.Equal(MeshFreeze.What, disturbance.What);
            Assert.InRange(Stopwatch.GetElapsedTime(disturbance.From, disturbance.To), duration, duration + TimeSpan.FromSeconds(5));
        }
        finally
        {
            first.Kill();
            second.Kill();
        }
    }
}

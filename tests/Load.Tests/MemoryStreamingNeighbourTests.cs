using System.Diagnostics;
using TalentMesh.Testing;

namespace TalentMesh.Load.Tests;

public sealed class MemoryStreamingNeighbourTests
{
    [Fact]
    public async Task Neighbour_RunsAsAChildProcessForItsDuration_AndIsGoneAfterwards()
    {
        var duration = TimeSpan.FromMilliseconds(500);
        var run = MemoryStreamingNeighbour.RunAsync(duration, TestContext.Current.CancellationToken);

        // It shows up while it runs (the start is asynchronous to this thread).
        await Eventually.TrueAsync(() => ProcStat.Children("dd").Length > 0 || run.IsCompleted, TimeSpan.FromSeconds(5), "dd runs");
        Assert.NotEmpty(ProcStat.Children("dd"));

        var disturbance = await run;
        Assert.Empty(ProcStat.Children("dd"));
        Assert.Equal(MemoryStreamingNeighbour.What, disturbance.What);
        Assert.InRange(Stopwatch.GetElapsedTime(disturbance.From, disturbance.To), duration, duration + TimeSpan.FromSeconds(5));
    }
}

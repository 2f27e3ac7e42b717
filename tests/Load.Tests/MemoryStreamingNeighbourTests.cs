using System.Diagnostics;

namespace TalentMesh.Load.Tests;

public sealed class MemoryStreamingNeighbourTests
{
    [Fact]
    public async Task Neighbour_RunsAsAChildProcessForItsDuration_AndIsGoneAfterwards()
    {
        var duration = TimeSpan.FromMilliseconds(500);
        var run = MemoryStreamingNeighbour.RunAsync(duration, TestContext.Current.CancellationToken);

        // It shows up while it runs (poll with a deadline: the start is asynchronous to this thread).
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 5;
        while (ProcStat.Children("dd").Length == 0 && !run.IsCompleted && Stopwatch.GetTimestamp() < deadline)
            await Task.Delay(TimeSpan.FromMilliseconds(10), TestContext.Current.CancellationToken);
        Assert.NotEmpty(ProcStat.Children("dd"));

        var disturbance = await run;
        Assert.Empty(ProcStat.Children("dd"));
        Assert.Equal(MemoryStreamingNeighbour.What, disturbance.What);
        Assert.InRange(Stopwatch.GetElapsedTime(disturbance.From, disturbance.To), duration, duration + TimeSpan.FromSeconds(5));
    }
}

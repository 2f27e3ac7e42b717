using TalentMesh.ServiceDefaults.GarbageCollection;

namespace TalentMesh.ServiceDefaults.Tests;

public sealed class ServerGcThreadsTests
{
    [Fact]
    public void Changes_ServerGcThreadsRaised_InheritedRaisesUndone_EverythingElseLeftAlone()
    {
        ProcessThread[] threads =
        [
            new(40, ServerGcThreads.Name, 0),
            new(12, ".NET TP Worker", 0),
            new(31, ServerGcThreads.Name, -10),
            new(33, ".NET BGC", -10),
            new(35, ".NET Server GC2", 0),
            new(20, ServerGcThreads.Name, 5),
            new(21, ".NET BGC", 0),
        ];

        Assert.Equal([new(20, -10), new(33, 0), new(40, -10)], ServerGcThreads.Changes(threads, raised: -10, processNice: 0));
    }

    [Fact]
    public void Changes_NothingWhenEveryServerGcThreadIsRaised_AndAProcessStartedAtTheRaisedNiceKeepsItEverywhere()
    {
        ProcessThread[] raisedAlready = [new(1, ".NET TP Worker", 0), new(2, ServerGcThreads.Name, -10), new(3, ".NET BGC", 0)];
        ProcessThread[] startedRaised = [new(1, ".NET TP Worker", -10), new(2, ServerGcThreads.Name, -10), new(3, ".NET BGC", -10)];

        Assert.Empty(ServerGcThreads.Changes(raisedAlready, raised: -10, processNice: 0));
        Assert.Empty(ServerGcThreads.Changes(startedRaised, raised: -10, processNice: -10));
    }

    [Fact]
    public void LinuxThreads_FindsAThreadByItsName_SetsItsNiceValueAlone_AndReadsItBack()
    {
        // Lowering a priority needs no privilege, so this runs anywhere; raising it (what the service does) needs CAP_SYS_NICE.
        using var release = new ManualResetEventSlim();
        var probe = new Thread(() => release.Wait()) { Name = "nice probe", IsBackground = true };
        probe.Start();
        try
        {
            var self = Environment.ProcessId;
            var thread = LinuxThreads.List().Single(t => t.Name == "nice probe");
            var before = LinuxThreads.Read(LinuxThreads.Self, self).Nice;
            Assert.Equal(before, thread.Nice);

            var lowered = before + 1; // a lower priority: any process may (test runs start at 0, CI's too)

            Assert.True(LinuxThreads.TrySetNice(thread.Id, lowered));

            Assert.Equal(lowered, LinuxThreads.Read(LinuxThreads.Self, thread.Id).Nice);
            Assert.Equal(lowered, LinuxThreads.List().Single(t => t.Id == thread.Id).Nice);
            Assert.Equal(before, LinuxThreads.Read(LinuxThreads.Self, self).Nice);
            Assert.Contains(LinuxThreads.List(), t => t.Id == self);
        }
        finally
        {
            release.Set();
            probe.Join();
        }
    }
}

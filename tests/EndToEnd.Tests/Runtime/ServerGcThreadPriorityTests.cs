using System.Globalization;
using TalentMesh.ServiceDefaults.GarbageCollection;
using TalentMesh.Testing;
using TalentMesh.Testing.Mesh;

namespace TalentMesh.EndToEnd.Tests.Runtime;

/// <summary>
/// Each service process raises its server GC threads, and only them, when it may (CAP_SYS_NICE, which the services
/// inherit from this test run), and says once that it keeps them at normal priority when it may not.
/// </summary>
public sealed class ServerGcThreadPriorityTests
{
    private const int ConfiguredNice = -10; // GcThreadPriorityOptions' default: the mesh sets nothing

    [Fact]
    public async Task EveryService_RaisesItsServerGcThreadsOnly_OrSaysWhyNot()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var mesh = await Mesh.StartAsync(cancellationToken: ct);
        var permitted = MayRaisePriorities();

        foreach (var service in mesh.Services)
        {
            var pid = service.ProcessId.ToString(CultureInfo.InvariantCulture);
            var started = LinuxThreads.Read(pid, service.ProcessId).Nice; // the main thread: what the process inherited
            if (permitted)
            {
                // Background GC threads inherit the raised value from the server GC thread that starts them, whenever
                // that is; the service's next look at its threads puts them back.
                await Eventually.TrueAsync(() => LinuxThreads.List(pid) is var threads
                        && threads.Any(thread => thread.Name == ServerGcThreads.Name)
                        && threads.All(thread => thread.Nice == (thread.Name == ServerGcThreads.Name ? ConfiguredNice : started)),
                    TimeSpan.FromSeconds(30), $"{service.Project}'s server GC threads at nice {ConfiguredNice}, every other at {started} (when the wait began: {Describe(pid)})");
            }
            else
            {
                await Eventually.TrueAsync(() => service.Process.OutputLines.Any(line => line.Contains("stay at normal priority", StringComparison.Ordinal)),
                    TimeSpan.FromSeconds(30), $"{service.Project} says its server GC threads stay at normal priority");
                Assert.All(LinuxThreads.List(pid), thread => Assert.Equal(started, thread.Nice));
            }
        }
    }

    /// <summary>Whether this process holds CAP_SYS_NICE (bit 23 of its effective capabilities).</summary>
    private static bool MayRaisePriorities()
    {
        var effective = File.ReadLines("/proc/self/status").Single(line => line.StartsWith("CapEff:", StringComparison.Ordinal));
        return (ulong.Parse(effective["CapEff:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture) & (1UL << 23)) != 0;
    }

    private static string Describe(string pid) => string.Join(", ", LinuxThreads.List(pid).Select(thread => $"{thread.Name} {thread.Nice}"));
}

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TalentMesh.ServiceDefaults.GarbageCollection;

/// <summary>
/// Runs the server GC threads ahead of every other thread on the host, as the runtime does on Windows: there its GC
/// asks for THREAD_PRIORITY_HIGHEST (<c>GCToOSInterface::BoostThreadPriority</c>); on Linux the same call does nothing.
/// A young collection stops every request of the service until it ends, and on cores shared with other busy processes
/// the GC thread waited its turn behind theirs (docs/benchmarks.md, "Session 25"). Only the server GC threads are
/// raised: they run only while the service is stopped for them. Background GC threads run beside the requests and are
/// kept at the process's own priority (they would inherit the raised one from the thread that starts them).
/// </summary>
/// <remarks>
/// Raising a priority needs CAP_SYS_NICE (root, or the capability). Without it the service says so once and runs
/// unchanged. Where each service has a CPU cgroup of its own (a Kubernetes container), a collection competes with no
/// other process's threads inside it and there is nothing to win, so the manifests grant no capability for it.
/// </remarks>
public sealed partial class GcThreadPriority(IOptions<GcThreadPriorityOptions> options, ILogger<GcThreadPriority> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!OperatingSystem.IsLinux() || settings.ThreadNice == 0)
            return;
        // The OS's clock, not the service's TimeProvider: threads start in real time, and a test or Development clock
        // moved a month ahead would otherwise run every missed rescan at once.
        using var rescan = new PeriodicTimer(settings.RescanInterval);
        try
        {
            do
            {
                if (!Apply(settings.ThreadNice))
                    return;
            }
            while (await rescan.WaitForNextTickAsync(stoppingToken));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A priority is worth a shorter pause, not the service: a host whose /proc or setpriority(2) fails keeps running.
            LogFailed(exception);
        }
    }

    /// <summary>Brings the threads' priorities where they belong; false when the process may not raise them (nothing more to try).</summary>
    private bool Apply(int raised)
    {
        var threads = LinuxThreads.List();
        // The main thread (its id is the process's) holds the value the process started with; the listing read it already.
        var processNice = threads.Single(thread => thread.Id == Environment.ProcessId).Nice;
        foreach (var change in ServerGcThreads.Changes(threads, raised, processNice))
        {
            if (!LinuxThreads.TrySetNice(change.ThreadId, change.Nice))
            {
                LogNotPermitted(raised);
                return false;
            }
            LogChanged(change.ThreadId, change.Nice);
        }
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Thread {ThreadId} now runs at nice {Nice} (server GC threads first).")]
    private partial void LogChanged(int threadId, int nice);

    [LoggerMessage(Level = LogLevel.Information, Message = "Server GC threads stay at normal priority: raising them to nice {Nice} needs CAP_SYS_NICE.")]
    private partial void LogNotPermitted(int nice);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Server GC threads stay at normal priority: their priority could not be read or set.")]
    private partial void LogFailed(Exception exception);
}

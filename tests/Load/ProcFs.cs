using System.Diagnostics;
using System.Globalization;
using TalentMesh.ServiceDefaults.GarbageCollection;

namespace TalentMesh.Load;

/// <summary>Reads Linux's /proc: finds processes by command line, a process's CPU time and resident memory, and the machine's.</summary>
public static class ProcFs
{
    /// <summary>USER_HZ: the unit of utime/stime in /proc/&lt;pid&gt;/stat and of /proc/stat (100 on every Linux architecture .NET runs on).</summary>
    public const double TicksPerSecond = 100;

    /// <summary>The first process (other than this one) whose command line contains every marker.</summary>
    public static int? FindProcess(params string[] markers) =>
        Find(arguments => markers.All(m => string.Join(' ', arguments).Contains(m, StringComparison.Ordinal)));

    /// <summary>A .NET service process: one of its arguments is <c>&lt;assembly&gt;.dll</c> or the apphost <c>&lt;assembly&gt;</c> itself.</summary>
    public static int? FindService(string assemblyName) =>
        Find(arguments => arguments.Any(a => Path.GetFileName(a) == assemblyName || Path.GetFileName(a) == assemblyName + ".dll"));

    private static int? Find(Func<string[], bool> matches)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || pid == Environment.ProcessId)
                continue;
            string[] arguments;
            try
            {
                arguments = File.ReadAllText(Path.Combine(directory, "cmdline")).Split('\0', StringSplitOptions.RemoveEmptyEntries);
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }
            if (matches(arguments))
                return pid;
        }
        return null;
    }

    /// <summary>A process's /proc stat line; null once it is gone.</summary>
    public static ProcStatLine? Stat(int pid)
    {
        try
        {
            return ProcStatLine.Parse(File.ReadAllText($"/proc/{pid}/stat"));
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>User + system CPU time and resident set size of a process; null once it is gone.</summary>
    public static (TimeSpan Cpu, long RssBytes)? Sample(int pid)
    {
        if (Stat(pid) is not { } stat)
            return null;
        // utime 14, stime 15, rss 24 (pages).
        var ticks = stat.NumberField(14) + stat.NumberField(15);
        var rssPages = stat.NumberField(24);
        return (TimeSpan.FromSeconds(ticks / TicksPerSecond), rssPages * Environment.SystemPageSize);
    }

    /// <summary>
    /// CPU time of a process's threads by kind: the runtime's tiered-compilation worker (JIT recompiling hot methods)
    /// and its garbage-collector threads, told apart by their names (at most 15 characters; the services' own reader of
    /// their threads, <see cref="LinuxThreads"/>). JIT and GC on other threads (first calls, allocations) are not
    /// included: these are lower bounds. The runtime ends an idle compilation thread and starts another later, and an
    /// ended thread's time leaves /proc with it, so the caller's <paramref name="seen"/> (thread id → CPU ticks) keeps the
    /// time of every thread seen.
    /// </summary>
    public static (TimeSpan Jit, TimeSpan Gc) RuntimeThreadsCpu(int pid, Dictionary<int, (bool Jit, long Ticks)> seen)
    {
        try
        {
            foreach (var thread in LinuxThreads.List(pid.ToString(CultureInfo.InvariantCulture)))
            {
                if (thread.Name.StartsWith(".NET Tiered Com", StringComparison.Ordinal))
                    seen[thread.Id] = (true, thread.CpuTicks);
                else if (thread.Name.StartsWith(ServerGcThreads.Name, StringComparison.Ordinal) || thread.Name.StartsWith(".NET BGC", StringComparison.Ordinal))
                    seen[thread.Id] = (false, thread.CpuTicks);
            }
        }
        catch (DirectoryNotFoundException)
        {
        }
        long jit = 0, gc = 0;
        foreach (var (isJit, ticks) in seen.Values)
        {
            if (isJit)
                jit += ticks;
            else
                gc += ticks;
        }
        return (TimeSpan.FromSeconds(jit / TicksPerSecond), TimeSpan.FromSeconds(gc / TicksPerSecond));
    }

    /// <summary>The machine's CPU time so far, busy and idle, read now.</summary>
    public static MachineTimes Machine() => MachineTimes.Parse(File.ReadLines("/proc/stat").First(), Stopwatch.GetTimestamp());

    /// <summary>The 1-, 5- and 15-minute load averages.</summary>
    public static string LoadAverage() =>
        string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}

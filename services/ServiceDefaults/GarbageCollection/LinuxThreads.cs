using System.Globalization;
using System.Runtime.InteropServices;

namespace TalentMesh.ServiceDefaults.GarbageCollection;

/// <summary>A process's threads — name, nice value, CPU time — through /proc, and their priority through libc (Linux only).</summary>
public static partial class LinuxThreads
{
    /// <summary>The /proc name of the calling process.</summary>
    public const string Self = "self";

    private const int PriorityOfProcess = 0; // PRIO_PROCESS: on Linux a thread id names that one thread
    private const int NotPermitted = 1, NoSuchThread = 3, AccessDenied = 13; // EPERM, ESRCH, EACCES

    /// <summary>The threads of <paramref name="process"/> (a pid or <see cref="Self"/>) now; one that ends while read is left out.</summary>
    public static IReadOnlyList<ProcessThread> List(string process = Self)
    {
        var threads = new List<ProcessThread>();
        foreach (var directory in Directory.EnumerateDirectories($"/proc/{process}/task"))
        {
            if (!int.TryParse(Path.GetFileName(directory), CultureInfo.InvariantCulture, out var id))
                continue;
            try
            {
                threads.Add(Read(process, id));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The thread ended between the listing and the read.
            }
        }
        return threads;
    }

    /// <summary>
    /// One thread of <paramref name="process"/>, from a single read of /proc/&lt;process&gt;/task/&lt;id&gt;/stat: its name
    /// (field 2), nice value (field 19) and CPU time (utime + stime, fields 14 and 15, in USER_HZ ticks).
    /// </summary>
    public static ProcessThread Read(string process, int threadId)
    {
        var stat = ProcStatLine.Parse(File.ReadAllText($"/proc/{process}/task/{threadId}/stat"));
        return new ProcessThread(threadId, stat.Name, (int)stat.NumberField(19), stat.NumberField(14) + stat.NumberField(15));
    }

    /// <summary>
    /// Sets thread <paramref name="threadId"/> of this process to <paramref name="nice"/>. True when it is set or the
    /// thread has ended; false when the process may not raise a priority (no CAP_SYS_NICE; lowering one needs nothing).
    /// </summary>
    /// <exception cref="IOException">Any other failure of setpriority(2), with its errno.</exception>
    public static bool TrySetNice(int threadId, int nice)
    {
        if (SetPriority(PriorityOfProcess, threadId, nice) == 0)
            return true;
        return Marshal.GetLastPInvokeError() switch
        {
            NoSuchThread => true,
            NotPermitted or AccessDenied => false,
            var error => throw new IOException($"setpriority(PRIO_PROCESS, {threadId}, {nice}) failed with errno {error}."),
        };
    }

    [LibraryImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static partial int SetPriority(int which, int who, int priority);
}

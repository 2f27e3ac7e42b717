using System.Globalization;
using System.Runtime.InteropServices;

namespace TalentMesh.ServiceDefaults.GarbageCollection;

/// <summary>A process's threads and their nice values, through /proc and libc (Linux only).</summary>
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
                threads.Add(new ProcessThread(id, File.ReadAllText(Path.Combine(directory, "comm")).TrimEnd('\n'), Nice(process, id)));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The thread ended between the listing and the read.
            }
        }
        return threads;
    }

    /// <summary>A thread's nice value: field 19 of /proc/&lt;process&gt;/task/&lt;id&gt;/stat.</summary>
    public static int Nice(string process, int threadId)
    {
        var stat = File.ReadAllText($"/proc/{process}/task/{threadId}/stat");
        // Field 2, the name, is in parentheses and may hold spaces; field 3 starts two characters after its end.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[19 - 3], CultureInfo.InvariantCulture);
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

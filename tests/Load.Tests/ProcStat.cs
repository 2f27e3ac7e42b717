namespace TalentMesh.Load.Tests;

/// <summary>Processes as /proc shows them (a pid's stat: "pid (comm) state ppid …"), to see what a disturbance did.</summary>
internal static class ProcStat
{
    /// <summary>This process's children named <paramref name="command"/>.</summary>
    public static int[] Children(string command)
    {
        var children = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && Read(pid) is { } stat
                && stat.Parent == Environment.ProcessId && stat.Command == command)
            {
                children.Add(pid);
            }
        }
        return [.. children];
    }

    /// <summary>A process's state letter (R running, S sleeping, T stopped by a signal, …); null once it is gone.</summary>
    public static char? State(int pid) => Read(pid)?.State;

    /// <summary>Fields 2–4 of the process's stat line: name, state and parent; null once the process is gone.</summary>
    private static (string Command, char State, long Parent)? Read(int pid) =>
        ProcFs.Stat(pid) is { } stat ? (stat.Name, stat.Field(3)[0], stat.NumberField(4)) : null;
}

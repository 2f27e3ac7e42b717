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

    private static (string Command, char State, int Parent)? Read(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null; // ended meanwhile
        }
        var close = stat.LastIndexOf(')');
        var fields = stat[(close + 2)..].Split(' ');
        return (stat[(stat.IndexOf('(') + 1)..close], fields[0][0], int.Parse(fields[1]));
    }
}

namespace TalentMesh.ServiceDefaults.GarbageCollection;

/// <summary>
/// One thread of a process as Linux lists it: its id, its name (at most 15 characters), its nice value and the CPU time
/// it has used (USER_HZ ticks; the load program's report reads it, the priority decision does not).
/// </summary>
public readonly record struct ProcessThread(int Id, string Name, int Nice, long CpuTicks = 0);

/// <summary>A thread whose nice value is to change.</summary>
public readonly record struct NiceChange(int ThreadId, int Nice);

/// <summary>Which of a process's threads must change priority so that its server GC threads, and only they, run raised.</summary>
public static class ServerGcThreads
{
    /// <summary>The name the runtime gives each server GC thread (one per heap; background GC threads are ".NET BGC").</summary>
    public const string Name = ".NET Server GC";

    /// <summary>
    /// Every server GC thread not at <paramref name="raised"/> goes there. Any other thread at <paramref name="raised"/>
    /// goes back to <paramref name="processNice"/> (the main thread's): Linux threads inherit their creator's nice value,
    /// and the GC starts its background GC threads from a server GC thread.
    /// </summary>
    public static IReadOnlyList<NiceChange> Changes(IEnumerable<ProcessThread> threads, int raised, int processNice)
    {
        var changes = new List<NiceChange>();
        foreach (var thread in threads.OrderBy(thread => thread.Id))
        {
            if (thread.Name == Name && thread.Nice != raised)
                changes.Add(new NiceChange(thread.Id, raised));
            else if (thread.Name != Name && thread.Nice == raised && raised != processNice)
                changes.Add(new NiceChange(thread.Id, processNice));
        }
        return changes;
    }
}

using System.ComponentModel.DataAnnotations;

namespace TalentMesh.ServiceDefaults.GarbageCollection;

/// <summary>The scheduling priority of the service's server GC threads on Linux (see <see cref="GcThreadPriority"/>).</summary>
public sealed class GcThreadPriorityOptions
{
    public const string Section = "GarbageCollection";

    /// <summary>
    /// The nice value the server GC threads run at, −20 (first) to 0 (as created, which turns the boost off). Every
    /// other thread keeps the process's own. Raising a thread's priority needs CAP_SYS_NICE; without it nothing changes.
    /// </summary>
    [Range(-20, 0)]
    public int ThreadNice { get; set; } = -10;

    /// <summary>How often the process's threads are looked at again: DATAS starts GC threads as it adds heaps.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RescanInterval { get; set; } = TimeSpan.FromSeconds(5);
}

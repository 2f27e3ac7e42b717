using System.Runtime.CompilerServices;

namespace TalentMesh.Load;

/// <summary>
/// A chain of dependent loads through memory larger than the caches: each load's address is the value the one before it
/// read, so a run takes what the machine's memory takes to answer a miss, which is what a garbage collection's marking
/// waits on object after object. <see cref="MachineSpeedMeter"/>'s loop does no memory traffic and cannot see that: in
/// session 21 the loop stayed at 1.79-1.82 ms while such a chain went from 160 to 206 ns a load and the services' young
/// collections from ~12 to ~20-37 ms each. The meter runs it twice a second, after its thread slept, as a service's
/// threads run after they wake: by then the host's other tenants have taken the shared cache back, and a run reads
/// ~1.8 times what a chain run back to back does (docs/benchmarks.md, "Session 21").
/// </summary>
public sealed class MemoryChase
{
    /// <summary>
    /// 64 MiB of indexes: twice the 32 MiB last-level cache that the largest EPYC core complexes share, so most loads
    /// miss it (a chain through 4 MiB runs at ~20 ns a load here, through 32 or 64 MiB at ~200 back to back).
    /// </summary>
    public const int Length = 16 * 1024 * 1024;

    /// <summary>
    /// Loads of one run: ~1.3 ms on the quiet machine. Short, so that of a spell's ten runs some still fit between two
    /// preemptions on a busy machine: with 10,000 loads (3-7 ms) hardly one did, and the fastest run was slow for that.
    /// </summary>
    public const int Loads = 4_000;

    private readonly int[] next;
    private int at;

    public MemoryChase() => next = SingleCycle(Length, new Random(21));

    /// <summary>What one load of a run took on average.</summary>
    public static double NanosecondsPerLoad(TimeSpan run) => run.TotalNanoseconds / Loads;

    /// <summary>
    /// A random permutation that is one cycle through every index (Sattolo's shuffle): a chain from any index visits
    /// all of them before it comes back, so no run keeps to a small, cached part of the array.
    /// </summary>
    public static int[] SingleCycle(int length, Random random)
    {
        var next = new int[length];
        for (var i = 0; i < length; i++)
            next[i] = i;
        for (var i = length - 1; i > 0; i--)
        {
            var j = random.Next(i);
            (next[i], next[j]) = (next[j], next[i]);
        }
        return next;
    }

    /// <summary>One run of <see cref="Loads"/> loads, going on from where the last run stopped.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public void Run()
    {
        var position = at;
        var chain = next;
        for (var i = 0; i < Loads; i++)
            position = chain[position];
        at = position;
    }
}

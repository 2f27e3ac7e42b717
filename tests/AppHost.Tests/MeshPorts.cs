using System.Globalization;
using TalentMesh.Testing;

namespace TalentMesh.AppHost.Tests;

/// <summary>Finds a port base whose service ports (see MeshOptions.PortBase) are all free.</summary>
public static class MeshPorts
{
    private static readonly int[] ServiceOffsets = [1, 2, 11, 12, 21, 22, 30];

    /// <summary>Lowest candidate base; the highest stays below the kernel's ephemeral ports.</summary>
    private const int LowestBase = 20_000;

    public static int FindBase()
    {
        // The services bind their ports ~20 s after they were found free (the AppHost builds its model and starts DCP
        // first). A port in the kernel's ephemeral range can meanwhile become the local end of any outgoing connection
        // (the parallel test processes open thousands), and the service then fails to start with "address already in
        // use" (seen once, at 33922): the bases stay below that range.
        var highestBase = Math.Min(40_000, EphemeralRangeStart()) - 100;
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var candidate = Random.Shared.Next(LowestBase, highestBase) / 100 * 100;
            if (ServiceOffsets.All(offset => LoopbackPorts.IsFree(candidate + offset)))
                return candidate;
        }
        throw new InvalidOperationException("No free port range found for the mesh.");
    }

    /// <summary>
    /// The first port Linux hands out to outgoing connections; its default, 32768, where the file is missing or the range
    /// starts too low to leave room below it (no base is safe there; below the default is the best guess).
    /// </summary>
    private static int EphemeralRangeStart()
    {
        const string RangeFile = "/proc/sys/net/ipv4/ip_local_port_range";
        const int LinuxDefault = 32_768;
        if (!File.Exists(RangeFile))
            return LinuxDefault;
        var first = File.ReadAllText(RangeFile).Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0];
        return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var start) && start > LowestBase + 1_000 ? start : LinuxDefault;
    }
}

using TalentMesh.Testing;

namespace TalentMesh.AppHost.Tests;

/// <summary>Finds a port base whose service ports (see MeshOptions.PortBase) are all free.</summary>
public static class MeshPorts
{
    private static readonly int[] ServiceOffsets = [1, 2, 11, 12, 21, 22, 30];

    public static int FindBase()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var candidate = Random.Shared.Next(20_000, 40_000) / 100 * 100;
            if (ServiceOffsets.All(offset => LoopbackPorts.IsFree(candidate + offset)))
                return candidate;
        }
        throw new InvalidOperationException("No free port range found for the mesh.");
    }
}

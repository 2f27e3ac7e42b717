using System.Net;
using System.Net.Sockets;

namespace TalentMesh.AppHost.Tests;

/// <summary>Finds a port base whose service ports are all free, so the test never collides with a running mesh.</summary>
public static class FreePorts
{
    private static readonly int[] ServiceOffsets = [1, 2, 11, 12, 21, 22];

    public static int FindBase()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var candidate = Random.Shared.Next(20_000, 40_000) / 100 * 100;
            if (ServiceOffsets.All(offset => IsFree(candidate + offset)))
                return candidate;
        }
        throw new InvalidOperationException("No free port range found for the mesh.");
    }

    public static int FindOne()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

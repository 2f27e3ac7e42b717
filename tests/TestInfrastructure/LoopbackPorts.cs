using System.Net;
using System.Net.Sockets;

namespace TalentMesh.Testing;

/// <summary>Free loopback ports, so servers started by tests never collide with each other or a running mesh.</summary>
public static class LoopbackPorts
{
    public static int FindFree()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static bool IsFree(int port)
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

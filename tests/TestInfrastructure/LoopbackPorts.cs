using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace TalentMesh.Testing;

/// <summary>Free loopback ports, so servers started by tests never collide with each other or a running mesh.</summary>
public static class LoopbackPorts
{
    private const string Listen = "0A";

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

    /// <summary>
    /// Whether process <paramref name="processId"/> holds a TCP socket listening on <paramref name="port"/> (Linux: the
    /// listening sockets of /proc/net/tcp and tcp6 by inode, against the process's open descriptors). A port found free
    /// can be taken by another process before the one meant for it binds, and then that other process answers a readiness
    /// probe on it (parallel test processes each start services with health endpoints): only the listener's owner says
    /// which process answered.
    /// </summary>
    public static bool IsListeningOn(int processId, int port)
    {
        var listeners = ListeningSocketInodes(port);
        if (listeners.Count == 0)
            return false;
        try
        {
            foreach (var descriptor in Directory.EnumerateFileSystemEntries($"/proc/{processId}/fd"))
            {
                // A descriptor closed between the listing and the read has no target.
                if (new FileInfo(descriptor).LinkTarget is { } target && target.StartsWith("socket:[", StringComparison.Ordinal)
                    && listeners.Contains(target["socket:[".Length..^1]))
                    return true;
            }
        }
        catch (Exception gone) when (gone is IOException or UnauthorizedAccessException)
        {
            // The process has exited (or is not ours to read): it listens on nothing we can credit it with.
        }
        return false;
    }

    /// <summary>The inodes of the sockets in state LISTEN on a local port, IPv4 and IPv6.</summary>
    private static HashSet<string> ListeningSocketInodes(int port)
    {
        var suffix = ":" + port.ToString("X4", CultureInfo.InvariantCulture);
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
                continue;
            // "sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ..."
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 9 && fields[3] == Listen && fields[1].EndsWith(suffix, StringComparison.Ordinal))
                    inodes.Add(fields[9]);
            }
        }
        return inodes;
    }
}

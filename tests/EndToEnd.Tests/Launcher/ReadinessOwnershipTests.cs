using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using TalentMesh.Testing;
using TalentMesh.Testing.Mesh;

namespace TalentMesh.EndToEnd.Tests.Launcher;

/// <summary>
/// A port found free can be taken by another process before the service meant for it binds. Then a readiness probe on
/// that port is answered by the other process while the service fails to bind and exits: the launcher must not call
/// such a service ready (it did once, and a crash drill waited two minutes on an Evaluation that never ran).
/// </summary>
public sealed class ReadinessOwnershipTests
{
    [Fact]
    public void IsListeningOn_TellsTheListenersOwnerFromAnyOtherProcess()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var other = Process.Start(new ProcessStartInfo("sleep", "30")) ?? throw new InvalidOperationException("sleep did not start");
        try
        {
            Assert.True(LoopbackPorts.IsListeningOn(Environment.ProcessId, port));
            Assert.False(LoopbackPorts.IsListeningOn(other.Id, port));
            Assert.False(LoopbackPorts.IsListeningOn(Environment.ProcessId, LoopbackPorts.FindFree()));
        }
        finally
        {
            other.Kill();
        }
    }

    [Fact]
    public async Task StartAsync_ProbeAnsweredByAnotherProcessOnATakenPort_FailsWithTheServicesBindError()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var redis = await RedisServer.StartNewAsync();
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var takenPort = ((IPEndPoint)squatter.LocalEndpoint).Port;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var answering = AnswerEveryRequestWithOkAsync(squatter, stop.Token);
        // What the launcher's probe would see on that port without asking who answers.
        using (var http = new HttpClient())
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"http://127.0.0.1:{takenPort}/readyz", ct)).StatusCode);
        var environment = Mesh.DefaultSettings("Evaluation", redis.ConnectionString, "readiness:")
            .ToDictionary(setting => setting.Key.Replace(":", "__", StringComparison.Ordinal), setting => setting.Value);
        environment["Service__GrpcPort"] = LoopbackPorts.FindFree().ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["Service__HttpPort"] = takenPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var evaluation = new MeshProcess("evaluation", ServiceBuildOutput.AssemblyOf("Evaluation"), environment,
            new Uri($"http://127.0.0.1:{takenPort}/readyz"));

        var exited = await Assert.ThrowsAsync<MeshProcessExitedException>(() => evaluation.StartAsync(TimeSpan.FromSeconds(90), ct));

        Assert.Contains("address already in use", exited.Output, StringComparison.OrdinalIgnoreCase);
        await stop.CancelAsync();
        await answering;
    }

    /// <summary>The other process's health endpoint, as far as a probe can tell: 200 to any request on the port.</summary>
    private static async Task AnswerEveryRequestWithOkAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        var response = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        try
        {
            while (true)
            {
                using var client = await listener.AcceptTcpClientAsync(cancellationToken);
                var stream = client.GetStream();
                var request = new byte[4096];
                // One read holds a probe's whole GET; what it asks does not matter.
                _ = await stream.ReadAsync(request, cancellationToken);
                await stream.WriteAsync(response, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}

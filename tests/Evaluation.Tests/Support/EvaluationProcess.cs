using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;
using TalentMesh.Contracts.Evaluation.V1;
using TalentMesh.Testing;

namespace TalentMesh.Evaluation.Tests.Support;

/// <summary>
/// The built Evaluation service as a separate OS process (<c>dotnet TalentMesh.Evaluation.dll</c>), configured through
/// environment variables, so a test can SIGKILL it mid-work and start it again on the same Redis.
/// </summary>
public sealed class EvaluationProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly List<string> output = [];

    private EvaluationProcess(Process process, int grpcPort)
    {
        this.process = process;
        Channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}");
    }

    public GrpcChannel Channel { get; }

    public string Output { get { lock (output) return string.Join('\n', output.TakeLast(40)); } }

    public static async Task<EvaluationProcess> StartAsync(IReadOnlyDictionary<string, string?> settings, string adminToken)
    {
        var dll = ServiceDll();
        var grpcPort = LoopbackPorts.FindFree();
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in settings)
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Service__GrpcPort"] = grpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Service__HttpPort"] = LoopbackPorts.FindFree().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var started = new EvaluationProcess(Process.Start(start)!, grpcPort);
        started.process.OutputDataReceived += (_, e) => started.Record(e.Data);
        started.process.ErrorDataReceived += (_, e) => started.Record(e.Data);
        started.process.BeginOutputReadLine();
        started.process.BeginErrorReadLine();
        var client = new RuleSetService.RuleSetServiceClient(started.Channel);
        await Eventually.TrueAsync(async () =>
        {
            if (started.process.HasExited)
                throw new InvalidOperationException($"The service exited with {started.process.ExitCode}:\n{started.Output}");
            try
            {
                await client.ListRuleSetsAsync(new ListRuleSetsRequest(), ServiceHost<Program>.Call(adminToken, TimeSpan.FromSeconds(2)));
                // Another test process's service on a port taken meanwhile could have answered (LoopbackPorts).
                return LoopbackPorts.IsListeningOn(started.process.Id, grpcPort);
            }
            catch (RpcException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(60), "the service process answers");
        return started;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, exactly like a crash.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        if (!process.HasExited)
            await KillAsync();
        process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is null)
            return;
        lock (output)
            output.Add(line);
    }

    /// <summary>The service's build output next to this test's (same configuration).</summary>
    private static string ServiceDll()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = here.Parent!.Name;
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "TalentMesh.sln")))
            root = root.Parent;
        var dll = Path.Combine(root?.FullName ?? throw new InvalidOperationException("TalentMesh.sln not found above the test output"),
            "services", "Evaluation", "bin", configuration, here.Name, "TalentMesh.Evaluation.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build services/Evaluation first (the test project references it).", dll);
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;

namespace TalentMesh.Testing.Mesh;

/// <summary>
/// One .NET application as a real OS process (<c>dotnet &lt;assembly&gt;</c>, working directory = its output folder,
/// so its appsettings*.json apply), with its stdout/stderr captured and a readiness probe. It can be killed
/// abruptly and started again with the same environment (hence the same ports).
/// </summary>
public sealed class MeshProcess(string name, string assemblyPath, IReadOnlyDictionary<string, string?> environment, Uri readinessProbe)
    : IAsyncDisposable
{
    private const int MaxOutputLines = 20_000;
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(2) };
    private readonly ConcurrentQueue<string> output = new();
    private Process? process;

    public string Name { get; } = name;

    public string AssemblyPath { get; } = assemblyPath;

    /// <summary>The environment variables the process gets on top of the test's own (ASP.NET style: <c>Section__Key</c>).</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; } = environment;

    /// <summary>An HTTP address that answers 2xx once the process is ready (e.g. <c>/readyz</c>).</summary>
    public Uri ReadinessProbe { get; } = readinessProbe;

    public int ProcessId => process?.Id ?? throw new InvalidOperationException($"{Name} is not running.");

    public bool IsRunning => process is { HasExited: false };

    /// <summary>The process's current thread count (from the OS), e.g. to show that an outage causes no pile-up.</summary>
    public int ThreadCount
    {
        get
        {
            var running = process ?? throw new InvalidOperationException($"{Name} is not running.");
            running.Refresh();
            return running.Threads.Count;
        }
    }

    /// <summary>Everything the process wrote to stdout and stderr so far, across restarts (the last 20,000 lines).</summary>
    public IReadOnlyList<string> OutputLines => [.. output];

    /// <summary>
    /// Starts the process and waits until it listens on <see cref="ReadinessProbe"/>'s port and the probe answers 2xx,
    /// or fails with its output.
    /// </summary>
    public async Task StartAsync(TimeSpan? readyWithin = null, CancellationToken cancellationToken = default)
    {
        if (IsRunning)
            throw new InvalidOperationException($"{Name} is already running.");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { AssemblyPath },
            WorkingDirectory = Path.GetDirectoryName(AssemblyPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in Environment)
            start.Environment[key] = value;
        var started = Process.Start(start) ?? throw new InvalidOperationException($"{Name} did not start.");
        process = started;
        Record($"--- {Name} started as pid {started.Id}");
        started.OutputDataReceived += (_, line) => Record(line.Data);
        started.ErrorDataReceived += (_, line) => Record(line.Data);
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        await WaitReadyAsync(started, readyWithin ?? TimeSpan.FromSeconds(90), cancellationToken);
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing — as abrupt as a crash. Waits until the process is gone.</summary>
    public async Task KillAsync()
    {
        if (process is null)
            return;
        if (!process.HasExited)
            process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        Record($"--- {Name} killed");
        process.Dispose();
        process = null;
    }

    /// <summary>The last <paramref name="lines"/> lines of output, for failure messages.</summary>
    public string OutputTail(int lines = 60) => string.Join(System.Environment.NewLine, OutputLines.TakeLast(lines));

    private async Task WaitReadyAsync(Process started, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        var delay = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            if (started.HasExited)
                throw new MeshProcessExitedException(Name, started.ExitCode, OutputTail());
            // The answer must come from this process: a port found free can be taken meanwhile by another test
            // process's service, whose /readyz would answer for one that failed to bind and is about to exit.
            if (await AnswersAsync(cancellationToken) && LoopbackPorts.IsListeningOn(started.Id, ReadinessProbe.Port))
                return;
            if (DateTime.UtcNow >= deadline)
                throw new TimeoutException($"{Name} was not ready at {ReadinessProbe} within {timeout.TotalSeconds:0} s. Output:{System.Environment.NewLine}{OutputTail()}");
            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 250));
        }
    }

    private async Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Probe.GetAsync(ReadinessProbe, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private void Record(string? line)
    {
        if (line is null)
            return;
        output.Enqueue(line);
        while (output.Count > MaxOutputLines && output.TryDequeue(out _)) { }
    }

    public async ValueTask DisposeAsync() => await KillAsync();
}

/// <summary>The process ended before it became ready; the message carries its output.</summary>
public sealed class MeshProcessExitedException(string name, int exitCode, string output)
    : Exception($"{name} exited with code {exitCode} before it was ready. Output:{System.Environment.NewLine}{output}")
{
    public string Output { get; } = output;
}

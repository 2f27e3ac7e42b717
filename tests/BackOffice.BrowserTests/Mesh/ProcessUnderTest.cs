using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;

namespace TalentMesh.BackOffice.BrowserTests.Mesh;

// TEMPORARY: replaced by the shared mesh launcher (tests/TestInfrastructure/Mesh) once it lands on main.
/// <summary>One of the repository's web applications as a real process (<c>dotnet &lt;assembly&gt;</c>), ready when a probe answers 2xx.</summary>
public sealed class ProcessUnderTest(string project, IReadOnlyDictionary<string, string?> environment, Uri readinessProbe) : IAsyncDisposable
{
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(2) };
    private readonly ConcurrentQueue<string> output = new();
    private Process? process;

    public string Project { get; } = project;

    public async Task StartAsync()
    {
        var assembly = AssemblyOf(Project);
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { assembly },
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        var started = Process.Start(start) ?? throw new InvalidOperationException($"{Project} did not start.");
        process = started;
        started.OutputDataReceived += (_, line) => output.Enqueue(line.Data ?? "");
        started.ErrorDataReceived += (_, line) => output.Enqueue(line.Data ?? "");
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (!await AnswersAsync())
        {
            if (started.HasExited || DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"{Project} did not become ready at {readinessProbe}:{Environment.NewLine}{OutputTail()}");
            await Task.Delay(100);
        }
    }

    public string OutputTail(int lines = 60) => string.Join(Environment.NewLine, output.TakeLast(lines));

    private async Task<bool> AnswersAsync()
    {
        try
        {
            using var response = await Probe.GetAsync(readinessProbe);
            return response.IsSuccessStatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static string AssemblyOf(string project)
    {
        var configuration = typeof(ProcessUnderTest).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "TalentMesh.sln")))
            root = root.Parent;
        var path = Path.Combine(root?.FullName ?? throw new InvalidOperationException("No TalentMesh.sln above the tests."),
            "services", project, "bin", configuration, "net10.0", $"TalentMesh.{project}.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing: build services/{project} -c {configuration}.", path);
    }

    public async ValueTask DisposeAsync()
    {
        if (process is null)
            return;
        if (!process.HasExited)
            process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }
}

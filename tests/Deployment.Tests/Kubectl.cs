using System.ComponentModel;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace TalentMesh.Deployment.Tests;

/// <summary>Runs the real kubectl (set KUBECTL to use another binary). Rendering needs no cluster.</summary>
internal static partial class Kubectl
{
    // kubectl >= 1.27 embeds kustomize v5; the manifests use `labels:` and `patches:` targets.
    private const int MinKustomizeMajor = 5;

    private const string InstallHint =
        "kubectl renders kustomize offline and must be on PATH (or set KUBECTL to its path). "
        + "The project's Debian machines ship it preinstalled as the apt package `kubectl` (1:528.0.0-0) "
        + "from the Google Cloud CLI apt repository; elsewhere add that or the Kubernetes project's apt "
        + "repository, then `apt-get install -y kubectl`. Debian's own `kubernetes-client` package is "
        + "kubectl 1.20 with kustomize v2: too old for these manifests.";

    private static readonly Lazy<string> CheckedPath = new(CheckVersion);

    public static string Kustomize(string directory) =>
        Run(CheckedPath.Value, "kustomize", directory);

    private static string CheckVersion()
    {
        var path = Environment.GetEnvironmentVariable("KUBECTL") is { Length: > 0 } custom ? custom : "kubectl";
        var version = Run(path, "version", "--client");
        var match = KustomizeVersion().Match(version);
        if (!match.Success || int.Parse(match.Groups[1].Value) < MinKustomizeMajor)
        {
            throw new InvalidOperationException(
                $"`{path} version --client` shows no kustomize v{MinKustomizeMajor}+:\n{version}\n{InstallHint}");
        }

        return path;
    }

    internal static string Run(string fileName, params string[] args)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"Could not run `{fileName}`: {e.Message}. {InstallHint}", e);
        }

        using (process)
        {
            // Read both streams in the background: a full pipe cannot block the child, and a hung child cannot block
            // this thread past the deadline (a synchronous ReadToEnd would wait for it forever).
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"`{fileName} {string.Join(' ', args)}` took over a minute.");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"`{fileName} {string.Join(' ', args)}` exited {process.ExitCode}:\n{stderr.Result}");
            }

            return stdout.Result;
        }
    }

    [GeneratedRegex(@"Kustomize Version: v(\d+)\.")]
    private static partial Regex KustomizeVersion();
}

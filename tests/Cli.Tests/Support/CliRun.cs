using Spectre.Console.Testing;

namespace TalentMesh.Cli.Tests.Support;

/// <summary>What one invocation of the client printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Output)
{
    /// <summary>The value after "label: " on the first line that has it (e.g. "payload: TM1:…").</summary>
    public string ValueAfter(string label) =>
        Output.Split('\n').Select(line => line.Trim()).First(line => line.StartsWith(label, StringComparison.Ordinal))[label.Length..].Trim();
}

/// <summary>Runs <c>talentmesh</c> in-process through its System.CommandLine invocation, capturing the console.</summary>
public static class CliRun
{
    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var console = new TestConsole().Width(400);
        var exit = await TalentMeshCli.RunAsync(args, console, name => environment.GetValueOrDefault(name),
            cancellationToken: TestContext.Current.CancellationToken);
        return new CliResult(exit, console.Output);
    }

    public static Task<CliResult> RunAsync(this MeshFixture mesh, params string[] args) => RunAsync(mesh.Environment, args);
}

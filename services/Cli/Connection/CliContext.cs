using System.CommandLine;
using Grpc.Core;
using Spectre.Console;

namespace TalentMesh.Cli.Connection;

/// <summary>
/// Builds commands that share one shape: resolve the caller and the mesh from the global options, run, and turn
/// every failure into a precise message and an exit code (gRPC status → 1, bad input → 2, unreachable → 3).
/// </summary>
public sealed class CliContext(IAnsiConsole console, GlobalOptions options, HttpClient? http = null)
{
    public IAnsiConsole Console { get; } = console;

    public GlobalOptions Options { get; } = options;

    /// <summary>A command that runs as <paramref name="defaultRole"/> unless <c>--as</c>/<c>--token</c> says otherwise.</summary>
    public Command Command(string name, string description, string defaultRole, Func<Session, ParseResult, Task> run, params Symbol[] symbols) =>
        Command(name, description, defaultRole, async (session, parsed) =>
        {
            await run(session, parsed);
            return ExitCodes.Ok;
        }, symbols);

    public Command Command(string name, string description, string defaultRole, Func<Session, ParseResult, Task<int>> run, params Symbol[] symbols)
    {
        var command = new Command(name, description);
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Argument argument:
                    command.Arguments.Add(argument);
                    break;
                case Option option:
                    command.Options.Add(option);
                    break;
            }
        }
        command.SetAction((parsed, cancellationToken) => RunAsync(parsed, defaultRole, run, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parsed, string defaultRole, Func<Session, ParseResult, Task<int>> run, CancellationToken cancellationToken)
    {
        try
        {
            var caller = parsed.GetValue(Options.Token) is { Length: > 0 }
                ? new Caller(defaultRole, "")
                : Options.Caller(parsed, defaultRole);
            using var mesh = new Mesh(Options.Addresses(parsed), parsed.GetValue(Options.Token), http);
            return await run(new Session(Console, mesh, caller, cancellationToken), parsed);
        }
        catch (RpcException error) when (error.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Ok;
        }
        catch (RpcException error) when (error.StatusCode == StatusCode.Unavailable)
        {
            RpcErrors.Render(Console, error);
            Console.MarkupLine("[grey]Is the mesh running? ./scripts/run.sh starts it; --registration/--evaluation/--redemption point elsewhere.[/]");
            return ExitCodes.Unreachable;
        }
        catch (RpcException error)
        {
            RpcErrors.Render(Console, error);
            return ExitCodes.Failed;
        }
        catch (CliException error)
        {
            Console.MarkupLineInterpolated($"[red bold]✗[/] {error.Message}");
            return ExitCodes.Usage;
        }
        catch (MeshUnreachableException error)
        {
            Console.MarkupLineInterpolated($"[red bold]✗[/] {error.Message}");
            Console.MarkupLine("[grey]Is the mesh running? ./scripts/run.sh starts it.[/]");
            return ExitCodes.Unreachable;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Ok;
        }
    }
}

using System.CommandLine;
using Spectre.Console;
using TalentMesh.Cli.Connection;
using TalentMesh.Cli.Credentials;
using TalentMesh.Cli.Demo;
using TalentMesh.Cli.Notifications;
using TalentMesh.Cli.Policies;
using TalentMesh.Cli.Redemptions;
using TalentMesh.Cli.RuleSets;
using TalentMesh.Cli.Scores;
using TalentMesh.Cli.TalentCodes;
using TalentMesh.Cli.Talents;

namespace TalentMesh.Cli;

/// <summary>
/// <c>talentmesh &lt;area&gt; &lt;verb&gt;</c>: the command tree and its invocation. The console and the environment are
/// parameters so tests run the client in-process and read what it printed.
/// </summary>
public static class TalentMeshCli
{
    public static RootCommand Build(CliContext cli)
    {
        var root = new RootCommand("talentmesh — the TalentMesh client for applicants, HR, policy offices, scanners and administrators.")
        {
            TokenCommand.Create(cli),
            TalentCommands.Create(cli),
            CredentialCommands.Create(cli),
            ScoreCommands.Create(cli),
            TalentCodeCommands.Create(cli),
            RuleSetCommands.Create(cli),
            PolicyCommands.Create(cli),
            RedemptionCommands.Create(cli),
            NotificationCommands.Create(cli),
            DemoCommand.Create(cli),
        };
        foreach (var option in cli.Options.All)
            root.Options.Add(option);
        return root;
    }

    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, Func<string, string?> environment,
        HttpClient? http = null, CancellationToken cancellationToken = default)
    {
        var cli = new CliContext(console, new GlobalOptions(environment), http);
        var parsed = Build(cli).Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
                console.MarkupLineInterpolated($"[red bold]✗[/] {error.Message}");
            console.MarkupLine("[grey]talentmesh --help lists the commands; talentmesh <area> --help their options.[/]");
            return ExitCodes.Usage;
        }
        using var output = new StringWriter();
        var exit = await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = output }, cancellationToken);
        if (output.GetStringBuilder().Length > 0)
            console.Write(new Text(output.ToString()));
        return exit;
    }
}

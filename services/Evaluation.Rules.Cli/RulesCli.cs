using System.CommandLine;
using TalentMesh.Evaluation.Rules.Cli.Commands;

namespace TalentMesh.Evaluation.Rules.Cli;

/// <summary>
/// talentmesh-rules rules validate|eval|explain|test. Exit codes: 0 ok, 1 invalid input (details on stderr),
/// 2 usage. Writers are parameters so tests run the CLI in-process.
/// </summary>
public static class RulesCli
{
    public const int Ok = 0;
    public const int InvalidInput = 1;
    public const int Usage = 2;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var rules = new Command("rules", "Validate rule sets and evaluate facts against them.")
        {
            ValidateCommand.Create(output, error),
            EvalCommand.Create(output, error),
            ExplainCommand.Create(output, error),
            TestCommand.Create(output, error),
        };
        var root = new RootCommand("TalentMesh points engine.") { rules };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
                error.WriteLine(parseError.Message);
            error.WriteLine("Usage: talentmesh-rules rules (validate <file> | eval <ruleset> <facts.json> [--table] | explain <ruleset> <facts.json> [--target N] | test <ruleset>)");
            return Usage;
        }
        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}

using System.CommandLine;

namespace TalentMesh.Evaluation.Rules.Cli.Commands;

internal static class ValidateCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("file") { Description = "Rule-set file (JSON) or the name of a shipped rule set." };
        var command = new Command("validate", "Check a rule set; prints its id, version and content hash.") { file };
        command.SetAction(parsed => Inputs.Guard(error, () =>
        {
            var (ruleSet, errors) = RuleSetLoader.TryParse(Inputs.ReadRuleSet(parsed.GetRequiredValue(file)));
            Inputs.Report(error, errors);
            if (ruleSet is null)
                return RulesCli.InvalidInput;
            output.WriteLine($"ok: {ruleSet.Id} {ruleSet.Version} sha256:{Format.ContentHash.Of(ruleSet)} ({ruleSet.Examples.Count} examples pass)");
            return RulesCli.Ok;
        }));
        return command;
    }
}

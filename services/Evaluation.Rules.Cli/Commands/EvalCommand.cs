using System.CommandLine;
using TalentMesh.Evaluation.Rules.Cli.Output;
using TalentMesh.Evaluation.Rules.Output;

namespace TalentMesh.Evaluation.Rules.Cli.Commands;

internal static class EvalCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var ruleSet = Inputs.RuleSetArgument();
        var facts = Inputs.FactsArgument();
        var table = new Option<bool>("--table") { Description = "Print a human-readable table instead of JSON." };
        var command = new Command("eval", "Score facts: total, tier and the full breakdown.") { ruleSet, facts, table };
        command.SetAction(parsed => Inputs.Guard(error, () =>
        {
            var (compiled, factSet) = Inputs.Load(parsed.GetRequiredValue(ruleSet), parsed.GetRequiredValue(facts));
            var result = compiled.Evaluate(factSet);
            if (parsed.GetValue(table))
                ResultTable.Write(output, result);
            else
                output.WriteLine(ResultJson.Write(result));
            return RulesCli.Ok;
        }));
        return command;
    }
}

using System.CommandLine;
using TalentMesh.Evaluation.Rules.Explanation;
using TalentMesh.Evaluation.Rules.Output;

namespace TalentMesh.Evaluation.Rules.Cli.Commands;

internal static class ExplainCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var ruleSet = Inputs.RuleSetArgument();
        var facts = Inputs.FactsArgument();
        var target = new Option<decimal?>("--target") { Description = "Aim at this total instead of the next tier (a ranking scheme has no tiers)." };
        var command = new Command("explain", "The whole trace, and the single-fact changes that reach the next tier or a target score.") { ruleSet, facts, target };
        command.SetAction(parsed => Inputs.Guard(error, () =>
        {
            var (compiled, factSet) = Inputs.Load(parsed.GetRequiredValue(ruleSet), parsed.GetRequiredValue(facts));
            output.WriteLine(ExplanationJson.Write(Explainer.Explain(compiled, factSet, parsed.GetValue(target))));
            return RulesCli.Ok;
        }));
        return command;
    }
}

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
        var command = new Command("explain", "The gap to the next tier and the single-fact changes that would close it.") { ruleSet, facts };
        command.SetAction(parsed => Inputs.Guard(error, () =>
        {
            var (compiled, factSet) = Inputs.Load(parsed.GetRequiredValue(ruleSet), parsed.GetRequiredValue(facts));
            output.WriteLine(ExplanationJson.Write(Explainer.Explain(compiled, factSet)));
            return RulesCli.Ok;
        }));
        return command;
    }
}

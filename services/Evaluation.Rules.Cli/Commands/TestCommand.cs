using System.CommandLine;
using System.Globalization;
using TalentMesh.Evaluation.Rules.Compilation;
using TalentMesh.Evaluation.Rules.Examples;
using TalentMesh.Evaluation.Rules.Validation;

namespace TalentMesh.Evaluation.Rules.Cli.Commands;

/// <summary>Runs a rule set's worked examples and prints pass or fail for each; exit 1 when any fails.</summary>
internal static class TestCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("ruleset") { Description = "Rule-set file (JSON) or the name of a shipped rule set." };
        var command = new Command("test", "Run the worked examples a rule set carries: pass or fail per example.") { file };
        command.SetAction(parsed => Inputs.Guard(error, () =>
        {
            var (ruleSet, errors) = RuleSetLoader.TryParse(Inputs.ReadRuleSet(parsed.GetRequiredValue(file)), checkExamples: false);
            if (ruleSet is null)
                throw new RuleSetException(errors);
            var outcomes = RuleSetExamples.Run(RuleSetCompiler.Compile(ruleSet));
            foreach (var outcome in outcomes)
            {
                var scored = outcome.Total is { } total
                    ? $" (total {total.ToString("0.###", CultureInfo.InvariantCulture)}, tier {outcome.Tier ?? "none"})"
                    : "";
                output.WriteLine($"{(outcome.Passed ? "pass" : "FAIL")}: {outcome.Name}{scored}");
                foreach (var problem in outcome.Problems)
                    output.WriteLine($"      {problem.Path}: {problem.Message}");
            }
            var failed = outcomes.Count(o => !o.Passed);
            output.WriteLine($"{outcomes.Count - failed} passed, {failed} failed");
            return failed == 0 ? RulesCli.Ok : RulesCli.InvalidInput;
        }));
        return command;
    }
}

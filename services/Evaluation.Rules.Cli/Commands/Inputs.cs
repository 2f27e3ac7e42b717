using System.Text.Json;
using TalentMesh.Evaluation.Rules.Compilation;
using TalentMesh.Evaluation.Rules.Evaluation;
using TalentMesh.Evaluation.Rules.Validation;

namespace TalentMesh.Evaluation.Rules.Cli.Commands;

/// <summary>Loads the command's inputs and turns every input problem into exit code 1 with a precise message.</summary>
internal static class Inputs
{
    /// <summary>A path to a rule-set file, or the name of a shipped rule set (high-tech-zone, skilled-migration).</summary>
    public static string ReadRuleSet(string pathOrName) =>
        !File.Exists(pathOrName) && ShippedRuleSets.Names.Contains(pathOrName)
            ? ShippedRuleSets.Json(pathOrName)
            : File.ReadAllText(pathOrName);

    public static int Guard(TextWriter error, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (RuleSetException e)
        {
            foreach (var problem in e.Errors)
                error.WriteLine($"error: {problem}");
        }
        catch (FactsException e)
        {
            foreach (var problem in e.Errors)
                error.WriteLine($"error: {problem}");
        }
        catch (JsonException e)
        {
            error.WriteLine($"error: facts file is not valid JSON: {e.Message}");
        }
        catch (IOException e)
        {
            error.WriteLine($"error: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            error.WriteLine($"error: {e.Message}");
        }
        return RulesCli.InvalidInput;
    }

    public static (CompiledRuleSet RuleSet, FactSet Facts) Load(string ruleSet, string factsPath)
    {
        var compiled = RuleSetLoader.Compile(ReadRuleSet(ruleSet));
        return (compiled, FactsJson.Read(compiled, File.ReadAllText(factsPath)));
    }
}

using System.CommandLine;
using System.Text.Json;
using TalentMesh.Evaluation.Rules.Compilation;
using TalentMesh.Evaluation.Rules.Evaluation;
using TalentMesh.Evaluation.Rules.Validation;

namespace TalentMesh.Evaluation.Rules.Cli.Commands;

/// <summary>Loads the command's inputs and turns every input problem into exit code 1 with a precise message.</summary>
internal static class Inputs
{
    /// <summary>A path to a rule-set file, or the name of a shipped rule set (high-tech-zone, skilled-migration).</summary>
    public static string ReadRuleSet(string pathOrName)
    {
        if (File.Exists(pathOrName))
            return File.ReadAllText(pathOrName);
        if (ShippedRuleSets.Names.Contains(pathOrName))
            return ShippedRuleSets.Json(pathOrName);
        throw new FileNotFoundException(
            $"no rule-set file '{pathOrName}' and no shipped rule set of that name (shipped: {string.Join(", ", ShippedRuleSets.Names)})");
    }

    public static Argument<string> RuleSetArgument() => new("ruleset") { Description = "Rule-set file or shipped rule-set name." };

    public static Argument<string> FactsArgument() => new("facts") { Description = "Facts file (JSON)." };

    public static int Guard(TextWriter error, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (RuleSetException e)
        {
            Report(error, e.Errors);
        }
        catch (FactsException e)
        {
            Report(error, e.Errors);
        }
        catch (JsonException e)
        {
            error.WriteLine($"error: facts: not valid JSON {Format.JsonErrors.Where(e)}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {e.Message}");
        }
        return RulesCli.InvalidInput;
    }

    public static void Report<T>(TextWriter error, IEnumerable<T> problems)
    {
        foreach (var problem in problems)
            error.WriteLine($"error: {problem}");
    }

    public static (CompiledRuleSet RuleSet, FactSet Facts) Load(string ruleSet, string factsPath)
    {
        var compiled = RuleSetLoader.Compile(ReadRuleSet(ruleSet));
        if (!File.Exists(factsPath))
            throw new FileNotFoundException($"no facts file '{factsPath}'");
        return (compiled, FactsJson.Read(compiled, File.ReadAllText(factsPath)));
    }
}

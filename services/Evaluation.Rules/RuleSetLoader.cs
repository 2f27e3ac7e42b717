using TalentMesh.Evaluation.Rules.Compilation;
using TalentMesh.Evaluation.Rules.Format;
using TalentMesh.Evaluation.Rules.Model;
using TalentMesh.Evaluation.Rules.Validation;

namespace TalentMesh.Evaluation.Rules;

/// <summary>Entry point: text → validated model → compiled evaluator.</summary>
public static class RuleSetLoader
{
    /// <summary>Parses and validates; the model is null when there are errors.</summary>
    public static (RuleSet? RuleSet, IReadOnlyList<RuleSetError> Errors) TryParse(string json)
    {
        var errors = new List<RuleSetError>();
        var ruleSet = RuleSetReader.TryRead(json, errors);
        // Semantic checks on a model with structural holes would only add noise.
        if (ruleSet is not null && errors.Count == 0)
            errors.AddRange(RuleSetValidator.Validate(ruleSet));
        return errors.Count == 0 ? (ruleSet, errors) : (null, errors);
    }

    public static RuleSet Parse(string json)
    {
        var (ruleSet, errors) = TryParse(json);
        return ruleSet ?? throw new RuleSetException(errors);
    }

    /// <summary>Parses, validates (once) and compiles.</summary>
    public static CompiledRuleSet Compile(string json) => RuleSetCompiler.CompileValid(Parse(json));

    public static CompiledRuleSet CompileFile(string path) => Compile(File.ReadAllText(path));
}

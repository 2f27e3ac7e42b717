using TalentMesh.Evaluation.Rules.Compilation;
using TalentMesh.Evaluation.Rules.Examples;
using TalentMesh.Evaluation.Rules.Format;
using TalentMesh.Evaluation.Rules.Model;
using TalentMesh.Evaluation.Rules.Validation;

namespace TalentMesh.Evaluation.Rules;

/// <summary>Entry point: text → validated model → compiled evaluator.</summary>
public static class RuleSetLoader
{
    /// <summary>
    /// Parses and validates, worked examples included (a failing example is an error naming the example and the
    /// field); the model is null when there are errors. This is the check ValidateRuleSet and PublishRuleSet use.
    /// </summary>
    public static (RuleSet? RuleSet, IReadOnlyList<RuleSetError> Errors) TryParse(string json) => TryParse(json, checkExamples: true);

    /// <summary>
    /// As <see cref="TryParse(string)"/>; with <paramref name="checkExamples"/> false the examples are read but not
    /// run (<c>rules test</c> runs them itself to report each one).
    /// </summary>
    public static (RuleSet? RuleSet, IReadOnlyList<RuleSetError> Errors) TryParse(string json, bool checkExamples)
    {
        var (ruleSet, errors) = Read(json);
        if (ruleSet is not null && checkExamples && ruleSet.Examples.Count > 0)
            errors.AddRange(RuleSetExamples.Run(RuleSetCompiler.CompileValid(ruleSet)).SelectMany(o => o.Problems));
        return errors.Count == 0 ? (ruleSet, errors) : (null, errors);
    }

    public static RuleSet Parse(string json)
    {
        var (ruleSet, errors) = TryParse(json);
        return ruleSet ?? throw new RuleSetException(errors);
    }

    /// <summary>Parses, validates (once, examples included) and compiles.</summary>
    public static CompiledRuleSet Compile(string json)
    {
        var (ruleSet, errors) = Read(json);
        if (ruleSet is null)
            throw new RuleSetException(errors);
        var compiled = RuleSetCompiler.CompileValid(ruleSet);
        var failures = RuleSetExamples.Run(compiled).SelectMany(o => o.Problems).ToList();
        return failures.Count == 0 ? compiled : throw new RuleSetException(failures);
    }

    public static CompiledRuleSet CompileFile(string path) => Compile(File.ReadAllText(path));

    /// <summary>Structural then semantic checks; the model is null when there are errors.</summary>
    private static (RuleSet? RuleSet, List<RuleSetError> Errors) Read(string json)
    {
        var errors = new List<RuleSetError>();
        var ruleSet = RuleSetReader.TryRead(json, errors);
        // Semantic checks on a model with structural holes would only add noise.
        if (ruleSet is not null && errors.Count == 0)
            errors.AddRange(RuleSetValidator.Validate(ruleSet));
        return errors.Count == 0 ? (ruleSet, errors) : (null, errors);
    }
}

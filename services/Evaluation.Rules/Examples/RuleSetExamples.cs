using System.Globalization;
using TalentMesh.Evaluation.Rules.Compilation;
using TalentMesh.Evaluation.Rules.Evaluation;
using TalentMesh.Evaluation.Rules.Model;
using TalentMesh.Evaluation.Rules.Validation;

namespace TalentMesh.Evaluation.Rules.Examples;

/// <summary>
/// Runs the worked examples a rule set carries. A failing example is a <see cref="RuleSetError"/> naming the example
/// and the field (<c>example 'young doctor' ($.examples[0].expected.total): expected 136, got 131</c>), so loading,
/// <c>rules validate</c> and the service's ValidateRuleSet / PublishRuleSet refuse a rule set that contradicts its examples.
/// </summary>
public static class RuleSetExamples
{
    public static IReadOnlyList<ExampleOutcome> Run(CompiledRuleSet ruleSet) =>
        ruleSet.Source.Examples.Select((example, i) => Run(ruleSet, example, $"$.examples[{i}]")).ToList();

    private static ExampleOutcome Run(CompiledRuleSet ruleSet, RuleSetExample example, string path)
    {
        var subject = $"example '{example.Name}'";
        var inputErrors = new List<string>();
        var facts = FactsJson.Read(ruleSet, example.Facts, $"{path}.facts", inputErrors);
        if (inputErrors.Count > 0)
            return new ExampleOutcome(example.Name, null, null, inputErrors.Select(e => new RuleSetError(subject, $"{path}.facts", e)).ToList());
        var result = ruleSet.Evaluate(facts);
        var problems = new List<RuleSetError>();
        var expected = example.Expected;
        if (result.Total != expected.Total)
            problems.Add(new(subject, $"{path}.expected.total", $"expected total {Show(expected.Total)}, got {Show(result.Total)}"));
        if (expected.ChecksTier && expected.Tier != result.Tier?.Id)
            problems.Add(new(subject, $"{path}.expected.tier", $"expected tier {expected.Tier ?? "none"}, got {result.Tier?.Id ?? "none"}"));
        if (expected.Tier is { } tier && ruleSet.Source.Tiers.All(t => t.Id != tier))
            problems.Add(new(subject, $"{path}.expected.tier", $"unknown tier '{tier}'"));
        foreach (var points in expected.Points)
        {
            var field = $"{path}.expected.points.{points.Rule}";
            if (ruleSet.Nodes.All(n => n.Id != points.Rule))
                problems.Add(new(subject, field, $"unknown rule '{points.Rule}'"));
            else if (PointsOf(result, points.Rule) is var actual && actual != points.Points)
                problems.Add(new(subject, field, $"expected {Show(points.Points)} points for rule '{points.Rule}', got {Show(actual)}"));
        }
        return new ExampleOutcome(example.Name, result.Total, result.Tier?.Id, problems);
    }

    /// <summary>A leaf's points after every cap; a group's after its own cap.</summary>
    private static decimal PointsOf(EvaluationResult result, string rule) =>
        result.RuleSet.Nodes.First(n => n.Id == rule).Leaf >= 0 ? result.FinalPointsOf(rule) : result.PointsOf(rule);

    private static string Show(decimal value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}

using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Validation;

/// <summary>Semantic checks over a parsed rule set; returns every error found, not only the first.</summary>
public static class RuleSetValidator
{
    public static IReadOnlyList<RuleSetError> Validate(RuleSet ruleSet)
    {
        var context = new ValidationContext(FactsVocabulary.Expand(ruleSet.Facts));
        FactsVocabulary.Validate(ruleSet.Facts, context.Errors);
        foreach (var (name, condition) in ruleSet.Conditions)
            ConditionValidator.Validate(context, $"condition '{name}'", $"$.conditions.{name}", condition);
        var rules = new RuleValidator(context);
        for (var i = 0; i < ruleSet.Rules.Count; i++)
            rules.Validate(ruleSet.Rules[i], $"$.rules[{i}]");
        if (ruleSet.Rules.Count == 0)
            context.Add("rule set", "$.rules", "needs at least one rule");
        rules.ValidateCap($"rule '{RuleSet.RootId}'", "$.cap", ruleSet.Cap, ruleSet.Rules);
        for (var i = 0; i < ruleSet.Vetoes.Count; i++)
        {
            var veto = ruleSet.Vetoes[i];
            rules.ClaimId($"veto '{veto.Id}'", $"$.vetoes[{i}].id", veto.Id);
            ConditionValidator.Validate(context, $"veto '{veto.Id}'", $"$.vetoes[{i}].when", veto.When);
        }
        TierValidator.Validate(context, rules, ruleSet);
        for (var i = 0; i < ruleSet.Examples.Count; i++)
        {
            if (ruleSet.Examples.Take(i).Any(e => e.Name == ruleSet.Examples[i].Name))
                context.Add($"example '{ruleSet.Examples[i].Name}'", $"$.examples[{i}].name", "an example of that name is listed before");
        }
        return context.Errors;
    }
}

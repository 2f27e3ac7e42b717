using TalentMesh.Contracts.Evaluation.V1;
using TalentMesh.Evaluation.Rules;
using TalentMesh.Evaluation.Rules.Compilation;
using TalentMesh.Evaluation.Scores;
using TalentMesh.ServiceDefaults.Errors;

namespace TalentMesh.Evaluation.RuleSets;

/// <summary>
/// A rule-set document as the API receives it: the engine parses and validates it, and every engine error becomes a
/// field violation under <c>document</c> (its JSON path, the rule or fact it concerns, the engine's message).
/// On top of the engine's own checks this service needs its tiers to be the zone's tiers A–E.
/// </summary>
public static class RuleSetDocument
{
    public const int MaxLength = 1 << 20;

    public static LoadedRuleSet Compile(string? document, string field = "document")
    {
        if (string.IsNullOrWhiteSpace(document))
            throw Invalid(field, "a rule set document (JSON, talentmesh.rules/v1) is required");
        if (document.Length > MaxLength)
            throw Invalid(field, $"at most {MaxLength} characters");
        var (ruleSet, errors) = RuleSetLoader.TryParse(document);
        var violations = errors.Select(e => new FieldViolation(field + (e.Path.StartsWith('$') ? e.Path[1..] : " " + e.Path), $"{e.Subject}: {e.Message}")).ToList();
        if (ruleSet is not null)
        {
            violations.AddRange(ruleSet.Tiers.Select((t, i) => (t, i)).Where(x => !TierMapping.ById.ContainsKey(x.t.Id))
                .Select(x => new FieldViolation($"{field}.tiers[{x.i}].id", $"tier '{x.t.Id}': this service awards the zone's tiers A, B, C, D and E only")));
        }
        if (violations.Count > 0)
            throw new ValidationFailedException(violations);
        var compiled = RuleSetLoader.Compile(document);
        return new LoadedRuleSet(LoadedRuleSet.HashOf(compiled), compiled);
    }

    public static RuleSetSummary Summary(CompiledRuleSet compiled)
    {
        var source = compiled.Source;
        var summary = new RuleSetSummary
        {
            TitleZh = source.Labels.Zh,
            TitleEn = source.Labels.En,
            Description = source.Description ?? "",
            RuleCount = compiled.Nodes.Count - 1,
        };
        summary.Facts.AddRange(source.Facts.Select(f => f.Name));
        foreach (var tier in source.Tiers)
        {
            var threshold = new TierThreshold { Tier = TierMapping.Of(tier) };
            if (tier.MinPoints is { } min)
                threshold.MinPoints = (double)min;
            summary.Tiers.Add(threshold);
        }
        return summary;
    }

    private static ValidationFailedException Invalid(string field, string description) => new([new FieldViolation(field, description)]);
}

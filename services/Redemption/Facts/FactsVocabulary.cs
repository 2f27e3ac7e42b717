using TalentMesh.Evaluation.Rules;
using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Redemption.Facts;

/// <summary>
/// The one facts vocabulary policy conditions are written in: the facts the default rule set (high-tech-zone)
/// declares, with their category values, plus the dated base facts Evaluation sends beside them. Read from the
/// rule set itself, so a fact renamed there is renamed here.
/// </summary>
public sealed class FactsVocabulary(IReadOnlyDictionary<string, FactKind> kinds, IReadOnlyDictionary<string, IReadOnlyList<string>> categoryValues)
{
    /// <summary>Dated base facts the time-moving rule-set facts are computed from (e.g. years_since_graduation).</summary>
    public static readonly IReadOnlyList<string> DatedBaseFacts = ["graduation_date"];

    public static FactsVocabulary Default { get; } = FromRuleSet(RuleSetLoader.Parse(ShippedRuleSets.Json(ShippedRuleSets.HighTechZone)));

    public FactKind? KindOf(string fact) => kinds.TryGetValue(fact, out var kind) ? kind : null;

    /// <summary>The declared values of a category fact, lowest first as the rule set lists them.</summary>
    public IReadOnlyList<string> ValuesOf(string fact) => categoryValues.GetValueOrDefault(fact) ?? [];

    public static FactsVocabulary FromRuleSet(RuleSet ruleSet)
    {
        var kinds = new Dictionary<string, FactKind>(StringComparer.Ordinal);
        var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var fact in ruleSet.Facts)
        {
            kinds[fact.Name] = fact.Type switch
            {
                FactType.Category => FactKind.Category,
                FactType.Boolean => FactKind.Flag,
                _ => FactKind.Number,
            };
            if (fact.Type == FactType.Category)
                values[fact.Name] = fact.Values;
        }
        foreach (var dated in DatedBaseFacts)
            kinds[dated] = FactKind.Date;
        return new FactsVocabulary(kinds, values);
    }
}

using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Validation;

internal sealed class LookupValidator(ValidationContext context, string subject, string path)
{
    public void Validate(LookupRule lookup)
    {
        var fact = context.Fact(subject, $"{path}.fact", lookup.Fact);
        if (fact is { IsNumeric: true })
            context.Add(subject, $"{path}.fact", $"a lookup needs a category or boolean fact; '{lookup.Fact}' is numeric (use bands)");
        if (lookup.Missing == MissingPolicy.Zero && fact is { Type: FactType.Category })
            context.Add(subject, $"{path}.missing", "missing: zero has no meaning for a category fact (use skip or error)");
        if (lookup.Table.Count == 0)
            context.Add(subject, $"{path}.table", "needs at least one entry");
        foreach (var entry in lookup.Table)
        {
            var field = $"{path}.table.{entry.Value}";
            context.Points(subject, field, entry.Points);
            if (fact is not null && !IsValue(fact, entry.Value))
                context.Add(subject, field, $"'{entry.Value}' is not a value of fact '{lookup.Fact}' ({ConditionValidator.Describe(fact)})");
        }
        foreach (var duplicate in lookup.Table.GroupBy(e => e.Value).Where(g => g.Count() > 1))
            context.Add(subject, $"{path}.table.{duplicate.Key}", "value listed twice");
    }

    /// <summary>Booleans are looked up (and placed on grid axes) as "true" / "false".</summary>
    public static bool IsValue(FactDefinition fact, string value) => fact.Type switch
    {
        FactType.Category => fact.Values.Contains(value),
        FactType.Boolean => value is "true" or "false",
        _ => false,
    };
}

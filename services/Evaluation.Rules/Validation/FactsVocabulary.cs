using System.Text.RegularExpressions;
using TalentMesh.Evaluation.Rules.Format;
using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Validation;

/// <summary>Validates the declared facts and expands <c>persons</c> into prefixed facts (spouse.education).</summary>
internal static partial class FactsVocabulary
{
    public const int MaxCategoryValues = 64;

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex NamePattern();

    public static Dictionary<string, FactDefinition> Expand(IReadOnlyList<FactDefinition> facts)
    {
        var expanded = facts.SelectMany(f => f.Persons.Select(p => f with { Name = $"{p}.{f.Name}" }).Prepend(f))
            .GroupBy(f => f.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var fact in expanded.Values.Where(f => f.Derived is not null).ToList())
            expanded[fact.Name] = WithBounds(fact, expanded);
        return expanded;
    }

    /// <summary>
    /// A derived fact without stated bounds takes them from its inputs (the explainer and the cap checks need
    /// them): min/max of the inputs' bounds, or their sums.
    /// </summary>
    private static FactDefinition WithBounds(FactDefinition fact, Dictionary<string, FactDefinition> facts)
    {
        var derived = fact.Derived!;
        var inputs = derived.Of.Select(facts.GetValueOrDefault).ToList();
        if (inputs.Any(i => i is null || i.Derived is not null))
            return fact;
        decimal? Low(FactDefinition f) => f.Type == FactType.Boolean ? 0 : f.Min;
        decimal? High(FactDefinition f) => f.Type == FactType.Boolean ? 1 : f.Max;
        decimal? Combine(IEnumerable<decimal?> values)
        {
            var list = values.ToList();
            if (list.Any(v => v is null))
                return null;
            return derived.Kind switch
            {
                DerivationKind.Min => list.Min(),
                DerivationKind.Max => list.Max(),
                _ => list.Sum(),
            };
        }
        var zero = derived.Missing == MissingPolicy.Zero ? new decimal?[] { 0 } : [];
        var min = Combine(inputs.Select(i => Low(i!)).Concat(derived.Kind == DerivationKind.Sum ? [] : zero));
        var max = Combine(inputs.Select(i => High(i!)));
        return fact with { Min = fact.Min ?? min, Max = fact.Max ?? max };
    }

    public static void Validate(IReadOnlyList<FactDefinition> facts, List<RuleSetError> errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < facts.Count; i++)
        {
            var fact = facts[i];
            var subject = $"fact '{fact.Name}'";
            var path = $"$.facts[{i}]";
            void Error(string field, string message) => errors.Add(new RuleSetError(subject, $"{path}.{field}", message));
            if (!NamePattern().IsMatch(fact.Name))
                Error("name", "must match [a-z][a-z0-9_]* (a dot is reserved for persons such as spouse.education)");
            foreach (var name in fact.Persons.Select(p => $"{p}.{fact.Name}").Prepend(fact.Name))
            {
                if (!seen.Add(name))
                    Error("name", $"fact '{name}' is declared twice");
            }
            foreach (var person in fact.Persons.Where(p => !NamePattern().IsMatch(p)))
                Error("persons", $"person '{person}' must match [a-z][a-z0-9_]*");
            ValidateType(fact, Error);
            if (fact.Derived is { } derived)
                ValidateDerivation(fact, derived, facts, Error);
        }
    }

    private static void ValidateDerivation(FactDefinition fact, Derivation derived, IReadOnlyList<FactDefinition> facts, Action<string, string> error)
    {
        var field = $"derived.{WriterExtensions.Camel(derived.Kind.ToString())}";
        if (!fact.IsNumeric)
            error("type", "a derived fact is a number or an integer");
        if (fact.Persons.Count > 0)
            error("persons", "a derived fact is declared once; derive it from the persons' facts instead (spouse.clb)");
        if (derived.Of.Count == 0)
            error(field, "needs at least one fact to derive from");
        if (derived.Missing == MissingPolicy.Error)
            error("derived.missing", "must be skip or zero (a rule's own missing policy decides what an absent value means)");
        var declared = Expand(facts);
        foreach (var input in derived.Of)
        {
            if (!declared.TryGetValue(input, out var source))
                error(field, $"unknown fact '{input}' (not declared in facts)");
            else if (source.Derived is not null)
                error(field, $"'{input}' is itself derived; derive from input facts only");
            else if (source.Type == FactType.Category)
                error(field, $"'{input}' is a category; derived facts combine numbers, integers and booleans");
            else if (fact.Type == FactType.Integer && source.Type == FactType.Number)
                error(field, $"'{input}' is a number, so an integer fact cannot be derived from it (declare it a number)");
        }
        foreach (var duplicate in derived.Of.GroupBy(i => i).Where(g => g.Count() > 1))
            error(field, $"'{duplicate.Key}' is listed twice");
    }

    private static void ValidateType(FactDefinition fact, Action<string, string> error)
    {
        if (fact.Type == FactType.Category)
        {
            if (fact.Values.Count == 0)
                error("values", "a category fact needs its allowed values");
            if (fact.Values.Count > MaxCategoryValues)
                error("values", $"at most {MaxCategoryValues} values are supported");
            foreach (var duplicate in fact.Values.GroupBy(v => v).Where(g => g.Count() > 1))
                error("values", $"value '{duplicate.Key}' is listed twice");
        }
        else if (fact.Values.Count > 0)
        {
            error("values", "only category facts have values");
        }
        if (!fact.IsNumeric && (fact.Min is not null || fact.Max is not null || fact.Step is not null))
            error("min", "min, max and step apply to number and integer facts only");
        if (fact.Min > fact.Max)
            error("max", $"max {fact.Max} is below min {fact.Min}");
        if (fact.Step <= 0)
            error("step", "must be positive");
        if (fact.Type == FactType.Integer && fact.Step is { } step && step != decimal.Truncate(step))
            error("step", "must be a whole number for an integer fact");
    }
}

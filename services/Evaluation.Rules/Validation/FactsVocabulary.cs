using System.Text.RegularExpressions;
using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Validation;

/// <summary>Validates the declared facts and expands <c>persons</c> into prefixed facts (spouse.education).</summary>
internal static partial class FactsVocabulary
{
    public const int MaxCategoryValues = 64;

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex NamePattern();

    public static Dictionary<string, FactDefinition> Expand(IReadOnlyList<FactDefinition> facts) =>
        facts.SelectMany(f => f.Persons.Select(p => f with { Name = $"{p}.{f.Name}" }).Prepend(f))
            .GroupBy(f => f.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

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
        }
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

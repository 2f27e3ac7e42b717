using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Format;

/// <summary>A condition as one readable line, e.g. <c>double_first_class_graduate = true and age &lt; 35</c>.</summary>
public static class ConditionText
{
    public static string Of(Condition condition) => condition switch
    {
        AllCondition all => Join(all.Items, " and "),
        AnyCondition any => Join(any.Items, " or "),
        NotCondition not => $"not ({Of(not.Item)})",
        ConditionRef named => $"{named.Name}: {Of(named.Condition)}",
        EqualsCondition e => $"{e.Fact} = {e.Value}",
        InCondition i => $"{i.Fact} in [{string.Join(", ", i.Values)}]",
        RangeCondition r => Range(r.Fact, r.Range),
        PresenceCondition p => p.Present ? $"{p.Fact} provided" : $"{p.Fact} not provided",
        _ => condition.ToString() ?? "",
    };

    private static string Join(IReadOnlyList<Condition> items, string separator) =>
        string.Join(separator, items.Select(i => i is AllCondition or AnyCondition ? $"({Of(i)})" : Of(i)));

    private static string Range(string fact, NumericRange range) => (range.Min, range.Max) switch
    {
        ({ } min, { } max) => $"{min} {(range.MinInclusive ? "≤" : "<")} {fact} {(range.MaxInclusive ? "≤" : "<")} {max}",
        ({ } min, null) => $"{fact} {(range.MinInclusive ? "≥" : ">")} {min}",
        (null, { } max) => $"{fact} {(range.MaxInclusive ? "≤" : "<")} {max}",
        _ => $"{fact} provided",
    };
}

using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Validation;

/// <summary>
/// The most a rule can contribute (null: unbounded, e.g. an uncapped count over a fact without max). Used to
/// find caps below their own items and tiers no total can reach.
/// </summary>
internal static class MaxPoints
{
    public static decimal? Of(Rule rule, IReadOnlyDictionary<string, FactDefinition> facts) =>
        Raw(rule, facts) is { } max ? Format.WriterExtensions.Normalize(max) : null;

    private static decimal? Raw(Rule rule, IReadOnlyDictionary<string, FactDefinition> facts) => rule switch
    {
        BandRule band => Math.Max(0, band.Bands.Select(b => b.Points).DefaultIfEmpty(0).Max()),
        LookupRule lookup => Math.Max(0, lookup.Table.Select(e => e.Points).DefaultIfEmpty(0).Max()),
        GridRule grid => Math.Max(0, grid.Cells.SelectMany(r => r).DefaultIfEmpty(0).Max()),
        BonusRule bonus => Math.Max(0, bonus.Points),
        CountRule count => OfCount(count, facts),
        GroupRule group => Capped(group.Combine == Combine.Sum ? Sum(group.Items, facts) : Max(group.Items, facts), group.Cap),
        ChooseRule choose => Max(choose.Alternatives, facts),
        _ => 0,
    };

    /// <summary>
    /// The most a rule can earn by the points it states, counting an uncapped count as one occurrence: the largest
    /// amount its author wrote down, as opposed to what many occurrences could add up to.
    /// </summary>
    public static decimal Stated(Rule rule) => Format.WriterExtensions.Normalize(rule switch
    {
        CountRule { Cap: { } cap } count => count.PointsEach > 0 ? cap : 0,
        CountRule count => Math.Max(0, count.PointsEach),
        GroupRule { Cap: { } cap } group => Math.Min(cap, Stated(group with { Cap = null })),
        GroupRule { Combine: Combine.Sum } group => group.Items.Sum(Stated),
        GroupRule group => group.Items.Select(Stated).DefaultIfEmpty(0).Max(),
        ChooseRule choose => choose.Alternatives.Select(Stated).DefaultIfEmpty(0).Max(),
        _ => Raw(rule, EmptyFacts) ?? 0,
    });

    private static readonly Dictionary<string, FactDefinition> EmptyFacts = [];

    public static decimal? Sum(IReadOnlyList<Rule> items, IReadOnlyDictionary<string, FactDefinition> facts)
    {
        decimal total = 0;
        foreach (var item in items)
        {
            if (Of(item, facts) is not { } max)
                return null;
            total += max;
        }
        return total;
    }

    public static decimal? Capped(decimal? value, decimal? cap) => (value, cap) switch
    {
        (null, null) => null,
        (null, { } c) => c,
        ({ } v, null) => v,
        ({ } v, { } c) => Math.Min(v, c),
    };

    private static decimal? Max(IReadOnlyList<Rule> items, IReadOnlyDictionary<string, FactDefinition> facts)
    {
        decimal best = 0;
        foreach (var item in items)
        {
            if (Of(item, facts) is not { } max)
                return null;
            best = Math.Max(best, max);
        }
        return best;
    }

    private static decimal? OfCount(CountRule count, IReadOnlyDictionary<string, FactDefinition> facts)
    {
        if (count.PointsEach <= 0)
            return 0;
        if (count.Cap is { } cap)
            return cap;
        if (!facts.TryGetValue(count.Fact, out var fact) || count.Per <= 0)
            return null;
        if (fact.Type == FactType.Boolean)
            return count.PointsEach;
        return fact.Max is { } max ? decimal.Floor(Math.Max(0, max - count.From) / count.Per) * count.PointsEach : null;
    }
}

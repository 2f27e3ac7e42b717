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

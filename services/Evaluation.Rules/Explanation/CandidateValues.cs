using TalentMesh.Evaluation.Rules.Compilation;
using TalentMesh.Evaluation.Rules.Evaluation;
using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Explanation;

/// <summary>
/// The values worth trying for one fact: every category value, both booleans, and for numbers each band edge
/// (just inside and just outside, one step apart), every value a condition tests and each multiple a count rewards.
/// </summary>
internal static class CandidateValues
{
    private const int MaxCountSteps = 200;

    /// <summary>
    /// The candidates for <paramref name="fact"/>. A derived fact's edges count for each of its inputs: as they are for
    /// a min or max, and for a sum shifted by what the other inputs of <paramref name="facts"/> already add.
    /// </summary>
    public static IReadOnlyList<double> For(CompiledRuleSet ruleSet, CompiledFact fact, FactSet facts)
    {
        var definition = fact.Definition;
        if (!definition.IsNumeric)
            return Enumerable.Range(0, fact.ValueCount).Select(i => (double)i).ToList();
        var step = definition.Step ?? (fact.Type == FactType.Integer ? 1 : 0.01m);
        var values = Edges(ruleSet, fact.Name, step);
        foreach (var derived in ruleSet.Facts.Where(f => f.Definition.Derived?.Of.Contains(fact.Name) == true))
        {
            var others = derived.Definition.Derived!.Kind != DerivationKind.Sum ? 0 : derived.Definition.Derived.Of
                .Where(name => name != fact.Name && facts.IsPresent(ruleSet.Fact(name)!.Slot))
                .Sum(name => (decimal)facts.Get(ruleSet.Fact(name)!.Slot));
            values.UnionWith(Edges(ruleSet, derived.Name, step).Select(v => v - others));
        }
        return Within(fact, values);
    }

    private static SortedSet<decimal> Edges(CompiledRuleSet ruleSet, string fact, decimal step)
    {
        var values = new SortedSet<decimal>();
        foreach (var node in ruleSet.Nodes)
            Collect(node.Rule, fact, step, values);
        foreach (var condition in ruleSet.Source.Vetoes.Select(v => v.When).Concat(ruleSet.Source.Recognitions.Select(r => r.When)))
            CollectCondition(condition, fact, step, values);
        return values;
    }

    private static List<double> Within(CompiledFact fact, SortedSet<decimal> values)
    {
        var definition = fact.Definition;
        if (definition.Min is { } min)
            values.Add(min);
        if (definition.Max is { } max)
            values.Add(max);
        return values
            .SelectMany(v => fact.Type == FactType.Integer ? [decimal.Floor(v), decimal.Ceiling(v)] : new[] { v })
            .Where(v => (definition.Min is null || v >= definition.Min) && (definition.Max is null || v <= definition.Max))
            .Distinct().Select(Num.ToDouble).ToList();
    }

    private static void Collect(Rule rule, string fact, decimal step, SortedSet<decimal> values)
    {
        CollectCondition(rule.When, fact, step, values);
        switch (rule)
        {
            case BandRule band when band.Fact == fact:
                foreach (var item in band.Bands)
                    Edges(item.Range, step, values);
                break;
            case GridRule grid:
                foreach (var axis in new[] { grid.Rows, grid.Columns }.Where(a => a.Fact == fact && a.Bands is not null))
                {
                    foreach (var range in axis.Bands!)
                        Edges(range, step, values);
                }
                break;
            case CountRule count when count.Fact == fact && count.Per > 0:
                var steps = count.Cap is { } cap ? (int)Math.Min(MaxCountSteps, (cap / Math.Abs(count.PointsEach)) + 1) : MaxCountSteps;
                for (var k = 0; k <= steps; k++)
                    values.Add(count.From + (k * count.Per));
                break;
            case ChooseRule choose:
                foreach (var item in choose.Cases)
                    CollectCondition(item.When, fact, step, values);
                break;
        }
    }

    private static void CollectCondition(Condition? condition, string fact, decimal step, SortedSet<decimal> values)
    {
        switch (condition)
        {
            case AllCondition all: CollectConditions(all.Items, fact, step, values); break;
            case AnyCondition any: CollectConditions(any.Items, fact, step, values); break;
            case NotCondition not: CollectCondition(not.Item, fact, step, values); break;
            case ConditionRef named: CollectCondition(named.Condition, fact, step, values); break;
            case RangeCondition range when range.Fact == fact: Edges(range.Range, step, values); break;
            case EqualsCondition { Value.Kind: ScalarKind.Number } equals when equals.Fact == fact: values.Add(equals.Value.Number); break;
            case InCondition @in when @in.Fact == fact:
                foreach (var value in @in.Values.Where(v => v.Kind == ScalarKind.Number))
                    values.Add(value.Number);
                break;
        }
    }

    private static void CollectConditions(IReadOnlyList<Condition> conditions, string fact, decimal step, SortedSet<decimal> values)
    {
        foreach (var condition in conditions)
            CollectCondition(condition, fact, step, values);
    }

    private static void Edges(NumericRange range, decimal step, SortedSet<decimal> values)
    {
        if (range.Min is { } min)
        {
            values.Add(range.MinInclusive ? min : min + step);
            values.Add(range.MinInclusive ? min - step : min);
        }
        if (range.Max is { } max)
        {
            values.Add(range.MaxInclusive ? max : max - step);
            values.Add(range.MaxInclusive ? max + step : max);
        }
    }
}

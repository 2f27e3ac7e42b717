using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Compilation;

internal static class ConditionCompiler
{
    public static ConditionCheck Compile(Condition condition, IReadOnlyDictionary<string, CompiledFact> facts) => condition switch
    {
        AllCondition all => new AllCheck(all.Items.Select(i => Compile(i, facts)).ToArray()),
        AnyCondition any => new AnyCheck(any.Items.Select(i => Compile(i, facts)).ToArray()),
        NotCondition not => new NotCheck(Compile(not.Item, facts)),
        ConditionRef named => Compile(named.Condition, facts),
        EqualsCondition e => new EqualsCheck(facts[e.Fact].Slot, SlotValue(facts[e.Fact], e.Value)),
        InCondition i => new InCheck(facts[i.Fact].Slot, i.Values.Select(v => SlotValue(facts[i.Fact], v)).ToArray()),
        RangeCondition r => new RangeCheck(facts[r.Fact].Slot, DoubleRange.From(r.Range)),
        PresenceCondition p => new PresenceCheck(facts[p.Fact].Slot, p.Present),
        _ => throw new ArgumentOutOfRangeException(nameof(condition)),
    };

    public static double SlotValue(CompiledFact fact, Scalar value) => value.Kind switch
    {
        ScalarKind.Text => fact.IndexOf(value.Text!),
        ScalarKind.Boolean => value.Flag ? 1 : 0,
        _ => Num.ToDouble(value.Number),
    };

    /// <summary>Every fact a condition reads, for the evidence shown next to a rule.</summary>
    public static IEnumerable<string> FactsOf(Condition? condition) => condition switch
    {
        AllCondition all => all.Items.SelectMany(FactsOf),
        AnyCondition any => any.Items.SelectMany(FactsOf),
        NotCondition not => FactsOf(not.Item),
        ConditionRef named => FactsOf(named.Condition),
        EqualsCondition e => [e.Fact],
        InCondition i => [i.Fact],
        RangeCondition r => [r.Fact],
        PresenceCondition p => [p.Fact],
        _ => [],
    };
}

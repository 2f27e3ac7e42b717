using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Compilation;

internal static class NodeFactory
{
    public static Node Create(NodeInfo info, ConditionCheck? guard, int[] stageTop, IReadOnlyDictionary<string, CompiledFact> facts, Node[] children) =>
        info.Rule switch
        {
            BandRule band => new BandLeaf(info, guard, stageTop, band.Missing, facts[band.Fact].Slot,
                band.Bands.Select(b => DoubleRange.From(b.Range)).ToArray(), band.Bands.Select(b => Num.Milli(b.Points)).ToArray()),
            LookupRule lookup => new LookupLeaf(info, guard, stageTop, lookup.Missing, facts[lookup.Fact].Slot, LookupTable(lookup, facts[lookup.Fact])),
            CountRule count => new CountLeaf(info, guard, stageTop, count.Missing, count.Cap is { } c ? Num.Milli(c) : -1,
                facts[count.Fact].Slot, count.From, count.Per, Num.Milli(count.PointsEach)),
            GridRule grid => new GridLeaf(info, guard, stageTop, grid.Missing, Axis(grid.Rows, facts), Axis(grid.Columns, facts),
                grid.Cells.SelectMany(r => r).Select(Num.Milli).ToArray(), grid.Columns.Length),
            BonusRule bonus => new BonusLeaf(info, guard, stageTop, Num.Milli(bonus.Points)),
            GroupRule group => new GroupNode(info, guard, stageTop, children, group.Combine == Combine.Max,
                group.Cap is { } cap ? Num.Milli(cap) : -1),
            ChooseRule choose => new ChooseNode(info, guard, stageTop,
                choose.Cases.Select(c => (ConditionCheck?)ConditionCompiler.Compile(c.When, facts)).Concat(choose.Otherwise is null ? [] : [null]).ToArray(),
                children),
            _ => throw new ArgumentOutOfRangeException(nameof(info)),
        };

    private static long[] LookupTable(LookupRule lookup, CompiledFact fact)
    {
        var table = new long[fact.ValueCount];
        foreach (var entry in lookup.Table)
            table[fact.IndexOf(entry.Value)] = Num.Milli(entry.Points);
        return table;
    }

    private static AxisMap Axis(GridAxis axis, IReadOnlyDictionary<string, CompiledFact> facts)
    {
        var fact = facts[axis.Fact];
        if (axis.Bands is { } bands)
            return new AxisMap(fact.Slot, null, bands.Select(DoubleRange.From).ToArray());
        var byIndex = new int[fact.ValueCount];
        Array.Fill(byIndex, -1);
        for (var i = 0; i < axis.Values!.Count; i++)
            byIndex[fact.IndexOf(axis.Values[i])] = i;
        return new AxisMap(fact.Slot, byIndex, null);
    }
}

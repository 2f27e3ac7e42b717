using TalentMesh.Evaluation.Rules.Evaluation;
using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Compilation;

/// <summary>One axis: a slot value maps to a row/column through a category table or through bands.</summary>
internal sealed class AxisMap(int slot, int[]? byIndex, DoubleRange[]? bands)
{
    public int Slot => slot;

    public int Find(double value)
    {
        if (bands is not null)
            return DoubleRange.Find(bands, value);
        var index = (int)value;
        return index >= 0 && index < byIndex!.Length ? byIndex[index] : -1;
    }
}

/// <summary>Points for a combination of two facts; a combination outside the grid earns nothing.</summary>
internal sealed class GridLeaf(NodeInfo info, ConditionCheck? guard, int[] stageTop, MissingPolicy missing, AxisMap rows, AxisMap columns, long[] cells, int width)
    : LeafNode(info, guard, stageTop, missing, -1)
{
    protected override bool TryScore(FactSet facts, EvaluationResult result, out long score)
    {
        score = 0;
        if (!Read(rows.Slot, facts, result, out var rowValue) || !Read(columns.Slot, facts, result, out var columnValue))
            return false;
        var (row, column) = (rows.Find(rowValue), columns.Find(columnValue));
        score = row < 0 || column < 0 ? 0 : cells[(row * width) + column];
        return true;
    }
}

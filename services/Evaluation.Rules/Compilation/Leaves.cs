using TalentMesh.Evaluation.Rules.Evaluation;
using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Compilation;

internal sealed class BandLeaf(NodeInfo info, ConditionCheck? guard, int[] stageTop, MissingPolicy missing, int slot, DoubleRange[] bands, long[] points)
    : LeafNode(info, guard, stageTop, missing, -1)
{
    protected override bool TryScore(FactSet facts, EvaluationResult result, out long score)
    {
        score = 0;
        if (!Read(slot, facts, result, out var value))
            return false;
        var band = DoubleRange.Find(bands, value);
        score = band < 0 ? 0 : points[band];
        return true;
    }
}

/// <summary>Points indexed by the category's value index (booleans: 0 false, 1 true).</summary>
internal sealed class LookupLeaf(NodeInfo info, ConditionCheck? guard, int[] stageTop, MissingPolicy missing, int slot, long[] points)
    : LeafNode(info, guard, stageTop, missing, -1)
{
    protected override bool TryScore(FactSet facts, EvaluationResult result, out long score)
    {
        score = 0;
        if (!Read(slot, facts, result, out var value))
            return false;
        var index = (int)value;
        score = index >= 0 && index < points.Length ? points[index] : 0;
        return true;
    }
}

internal sealed class BonusLeaf(NodeInfo info, ConditionCheck? guard, int[] stageTop, long points)
    : LeafNode(info, guard, stageTop, MissingPolicy.Skip, -1)
{
    protected override bool TryScore(FactSet facts, EvaluationResult result, out long score)
    {
        score = points;
        return true;
    }
}

using TalentMesh.Evaluation.Rules.Evaluation;

namespace TalentMesh.Evaluation.Rules.Compilation;

/// <summary>A compiled node. Evaluation writes only into the preallocated arrays of the result.</summary>
internal abstract class Node(NodeInfo info, ConditionCheck? guard, int[] stageTop)
{
    public readonly int Index = info.Index;
    public readonly int Depth = info.Depth;
    public readonly int LeafStart = info.LeafStart;
    public readonly int LeafEnd = info.LeafEnd;
    private readonly int[] stageTop = stageTop;
    private readonly bool clips = info.Clips;

    public long Evaluate(FactSet facts, EvaluationResult result)
    {
        if (guard is not null && !guard.Evaluate(facts))
        {
            result.Status[Index] = NodeStatus.NotApplicable;
            return 0;
        }
        var value = EvaluateCore(facts, result);
        result.Value[Index] = value;
        return value;
    }

    protected abstract long EvaluateCore(FactSet facts, EvaluationResult result);

    /// <summary>Takes <paramref name="amount"/> points away from this node's leaves, last leaf first.</summary>
    public void Reduce(long amount, int clipper, EvaluationResult result)
    {
        for (var leaf = LeafEnd - 1; leaf >= LeafStart && amount > 0; leaf--)
        {
            var current = result.Current[leaf];
            if (current <= 0)
                continue;
            var take = Math.Min(current, amount);
            result.Current[leaf] = current - take;
            amount -= take;
            if (result.ClippedBy[leaf] < 0)
                result.ClippedBy[leaf] = clipper;
        }
    }

    /// <summary>Drops the positive points this node earned (it lost a "highest of"); its deductions stand.</summary>
    public void Discard(int clipper, EvaluationResult result)
    {
        for (var leaf = LeafStart; leaf < LeafEnd; leaf++)
        {
            if (result.Current[leaf] <= 0)
                continue;
            result.Current[leaf] = 0;
            if (result.ClippedBy[leaf] < 0)
                result.ClippedBy[leaf] = clipper;
        }
    }

    /// <summary>
    /// Records, for every leaf below, its points after this node's cap (stage slot = top − depth). Only a node that
    /// can clip shows up in a breakdown's stages, so any other node skips the work.
    /// </summary>
    protected void RecordStage(EvaluationResult result)
    {
        if (!clips)
            return;
        for (var leaf = LeafStart; leaf < LeafEnd; leaf++)
            result.Stages[stageTop[leaf] - Depth] = result.Current[leaf];
    }
}

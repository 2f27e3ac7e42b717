using TalentMesh.Evaluation.Rules.Evaluation;
using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Compilation;

/// <summary>A rule that earns points itself. <paramref name="cap"/> (−1: none) limits the magnitude of its points.</summary>
internal abstract class LeafNode(NodeInfo info, ConditionCheck? guard, int[] stageTop, MissingPolicy missing, long cap)
    : Node(info, guard, stageTop)
{
    private readonly int leaf = info.Leaf;

    protected sealed override long EvaluateCore(FactSet facts, EvaluationResult result)
    {
        if (!TryScore(facts, result, out var raw))
            return 0;
        result.Status[Index] = NodeStatus.Fired;
        result.Raw[leaf] = raw;
        var value = raw;
        if (cap >= 0 && Math.Abs(raw) > cap)
        {
            value = raw > 0 ? cap : -cap;
            result.ClippedBy[leaf] = Index;
        }
        result.Current[leaf] = value;
        result.Negative[Index] = Math.Min(value, 0);
        RecordStage(result);
        return value;
    }

    /// <summary>Computes the raw points; false when a fact is missing and the rule does not fire.</summary>
    protected abstract bool TryScore(FactSet facts, EvaluationResult result, out long points);

    protected bool Read(int slot, FactSet facts, EvaluationResult result, out double value)
    {
        if (facts.Present[slot])
        {
            value = facts.Values[slot];
            return true;
        }
        value = 0;
        if (missing == MissingPolicy.Zero)
            return true;
        if (missing == MissingPolicy.Error)
            result.FlagMissing(Index, slot);
        result.Status[Index] = NodeStatus.Missing;
        return false;
    }
}

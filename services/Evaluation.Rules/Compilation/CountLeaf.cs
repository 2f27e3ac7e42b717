using TalentMesh.Evaluation.Rules.Evaluation;
using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Compilation;

/// <summary>
/// floor((value − from) / per) × each. Whole values over a whole "from" and "per" divide as integers; otherwise
/// decimal arithmetic keeps 0.3 / 0.1 = 3 exact where doubles would give 2.999….
/// </summary>
internal sealed class CountLeaf(NodeInfo info, ConditionCheck? guard, int[] stageTop, MissingPolicy missing, long cap, int slot,
    decimal from, decimal per, long each)
    : LeafNode(info, guard, stageTop, missing, cap)
{
    private const double Largest = 1e15;
    private readonly double fromValue = Num.ToDouble(from);
    private readonly long wholePer = per == decimal.Truncate(per) && from == decimal.Truncate(from) && per <= long.MaxValue ? (long)per : 0;
    private readonly long wholeFrom = from == decimal.Truncate(from) && Math.Abs(from) < (decimal)Largest ? (long)from : 0;

    protected override bool TryScore(FactSet facts, EvaluationResult result, out long score)
    {
        score = 0;
        if (!Read(slot, facts, result, out var value))
            return false;
        if (!(value > fromValue))
            return true;
        value = Math.Min(value, Largest);
        long count;
        if (wholePer > 0 && value == Math.Floor(value))
            count = ((long)value - wholeFrom) / wholePer;
        else
            count = (long)decimal.Floor(((decimal)value - from) / per);
        score = count * each;
        return true;
    }
}

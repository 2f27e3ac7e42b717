using TalentMesh.Evaluation.Rules.Evaluation;

namespace TalentMesh.Evaluation.Rules.Compilation;

/// <summary>
/// Sum or "highest of" over its items, then the cap. Positive and negative points travel up separately: a cap
/// clips only the positive points below it, so a deduction is never absorbed by any cap, however deeply it is
/// nested. Clipping takes points from the last items first. A "highest of" picks its best item by positive points
/// and keeps the deductions of every item: a rule that earned nothing never outranks a deduction away.
/// </summary>
internal sealed class GroupNode(NodeInfo info, ConditionCheck? guard, int[] stageTop, Node[] items, bool max, long cap)
    : Node(info, guard, stageTop)
{
    protected override long EvaluateCore(FactSet facts, EvaluationResult result)
    {
        result.Status[Index] = NodeStatus.Fired;
        var best = max ? Highest(facts, result) : -1;
        long positive = 0, negative = 0;
        for (var i = 0; i < items.Length; i++)
        {
            if (!max)
                items[i].Evaluate(facts, result);
            var item = items[i].Index;
            if (!max || i == best)
                positive += result.Value[item] - result.Negative[item];
            negative += result.Negative[item];
        }
        result.BeforeCap[Index] = positive + negative;
        if (cap >= 0 && positive > cap)
        {
            Clip(positive - cap, best, result);
            positive = cap;
        }
        result.Negative[Index] = negative;
        RecordStage(result);
        return positive + negative;
    }

    /// <summary>Evaluates every item, keeps the one with the most positive points (first on ties) and discards the others' positive points.</summary>
    private int Highest(FactSet facts, EvaluationResult result)
    {
        var best = -1;
        long bestValue = 0;
        for (var i = 0; i < items.Length; i++)
        {
            var value = items[i].Evaluate(facts, result) - result.Negative[items[i].Index];
            if (best < 0 || value > bestValue)
                (best, bestValue) = (i, value);
        }
        for (var i = 0; i < items.Length; i++)
        {
            if (i != best)
                items[i].Discard(Index, result);
        }
        return best;
    }

    private void Clip(long excess, int best, EvaluationResult result)
    {
        for (var i = items.Length - 1; i >= 0 && excess > 0; i--)
        {
            if (max && i != best)
                continue;
            var item = items[i].Index;
            var positive = result.Value[item] - result.Negative[item];
            if (positive <= 0)
                continue;
            var take = Math.Min(positive, excess);
            items[i].Reduce(take, Index, result);
            excess -= take;
        }
    }
}

using TalentMesh.Evaluation.Rules.Evaluation;

namespace TalentMesh.Evaluation.Rules.Compilation;

/// <summary>Scores the first alternative whose condition holds (the otherwise branch is the last alternative).</summary>
internal sealed class ChooseNode(NodeInfo info, ConditionCheck? guard, int[] stageTop, ConditionCheck?[] conditions, Node[] alternatives)
    : Node(info, guard, stageTop)
{
    protected override long EvaluateCore(FactSet facts, EvaluationResult result)
    {
        result.Status[Index] = NodeStatus.Fired;
        long value = 0;
        for (var i = 0; i < alternatives.Length; i++)
        {
            if (conditions[i] is { } condition && !condition.Evaluate(facts))
                continue;
            value = alternatives[i].Evaluate(facts, result);
            result.Negative[Index] = result.Negative[alternatives[i].Index];
            break;
        }
        return value;
    }
}

using TalentMesh.Evaluation.Rules.Evaluation;

namespace TalentMesh.Evaluation.Rules.Tests.Support;

internal static class Points
{
    /// <summary>A leaf's points after every cap; a group's total after its own cap.</summary>
    public static decimal Of(EvaluationResult result, string ruleId)
    {
        var node = result.RuleSet.Nodes.Single(n => n.Id == ruleId);
        return node.Leaf >= 0 ? result.FinalPointsOf(ruleId) : result.PointsOf(ruleId);
    }
}

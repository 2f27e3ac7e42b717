namespace TalentMesh.Evaluation.Rules.Model;

/// <summary>Which single-fact changes the explainer may suggest: age only grows, a blacklist entry is not a "change".</summary>
public enum ExplainDirection
{
    Any,
    Increase,
    Decrease,
    None,
}

namespace TalentMesh.Evaluation.Rules.Evaluation;

public enum NodeStatus : byte
{
    /// <summary>Not reached: an alternative that was not chosen, or inside a rule whose condition was false.</summary>
    NotEvaluated,

    /// <summary>Evaluated; its points (possibly 0) are part of the total.</summary>
    Fired,

    /// <summary>A fact it reads was not provided (missing: skip or error).</summary>
    Missing,

    /// <summary>Its own <c>when</c> condition was false.</summary>
    NotApplicable,
}

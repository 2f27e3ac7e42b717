namespace TalentMesh.Evaluation.Rules.Model;

/// <summary>What a rule does when a fact it reads was not provided (as opposed to provided as zero).</summary>
public enum MissingPolicy
{
    /// <summary>The rule does not fire and earns nothing; the explanation lists it as "not provided".</summary>
    Skip,

    /// <summary>The fact is read as 0 (numbers) or false (booleans) and the rule fires.</summary>
    Zero,

    /// <summary>The evaluation is incomplete: no tier is awarded until the fact is provided.</summary>
    Error,
}

namespace TalentMesh.Evaluation.Rules.Validation;

/// <summary>
/// One problem in a rule-set file. <see cref="Subject"/> names what is wrong ("rule 'age'", "fact 'age'",
/// "tier 'C'"), <see cref="Path"/> the field (a JSON path), so an administrator can find it without a debugger.
/// </summary>
public sealed record RuleSetError(string Subject, string Path, string Message)
{
    public override string ToString() => $"{Subject} ({Path}): {Message}";
}

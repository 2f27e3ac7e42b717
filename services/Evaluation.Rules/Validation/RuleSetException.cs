namespace TalentMesh.Evaluation.Rules.Validation;

public sealed class RuleSetException(IReadOnlyList<RuleSetError> errors)
    : Exception("Invalid rule set:" + Environment.NewLine + string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<RuleSetError> Errors { get; } = errors;
}

namespace TalentMesh.Evaluation.Rules.Evaluation;

public sealed class FactsException(IReadOnlyList<string> errors)
    : Exception("Invalid facts:" + Environment.NewLine + string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}

using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Validation;

/// <summary>State shared while validating one rule set: the expanded facts vocabulary and the errors so far.</summary>
internal sealed class ValidationContext(IReadOnlyDictionary<string, FactDefinition> facts)
{
    public List<RuleSetError> Errors { get; } = [];

    public IReadOnlyDictionary<string, FactDefinition> Facts => facts;

    public void Add(string subject, string path, string message) => Errors.Add(new RuleSetError(subject, path, message));

    /// <summary>Looks a referenced fact up; an undeclared fact is an error.</summary>
    public FactDefinition? Fact(string subject, string path, string name)
    {
        if (facts.TryGetValue(name, out var fact))
            return fact;
        Add(subject, path, $"unknown fact '{name}' (not declared in facts)");
        return null;
    }

    /// <summary>Points are kept as thousandths in the compiled engine, so more precision would be silently lost.</summary>
    public void Points(string subject, string path, decimal? value)
    {
        if (value is { } v && decimal.Round(v, 3) != v)
            Add(subject, path, $"{v} has more than 3 decimal places");
        else if (value is { } big && Math.Abs(big) > 1_000_000_000m)
            Add(subject, path, $"{big} is out of range (at most 1e9 in magnitude)");
    }
}

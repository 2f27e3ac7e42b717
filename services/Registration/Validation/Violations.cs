using TalentMesh.ServiceDefaults.Errors;

namespace TalentMesh.Registration.Validation;

/// <summary>Collects every bad field of a request, so the caller learns all of them at once, then throws them together.</summary>
public sealed class Violations
{
    private readonly List<FieldViolation> list = [];

    public bool Any => list.Count > 0;

    public IReadOnlyList<FieldViolation> All => list;

    public void Add(string field, string description) => list.Add(new FieldViolation(field, description));

    /// <summary>Adds <paramref name="error"/> for <paramref name="field"/> when there is one.</summary>
    public void AddIf(string field, string? error)
    {
        if (error is not null)
            Add(field, error);
    }

    /// <summary>INVALID_ARGUMENT with every collected violation; nothing happens when there are none.</summary>
    public void ThrowIfAny()
    {
        if (list.Count > 0)
            throw new ValidationFailedException(list.ToArray());
    }
}

using System.Text.Json;
using TalentMesh.Evaluation.Rules.Model;
using TalentMesh.Evaluation.Rules.Validation;

namespace TalentMesh.Evaluation.Rules.Format;

/// <summary>
/// State of one read: the errors so far and the named conditions and tables that rules refer to. A named
/// definition is read once, where it is defined, so its errors are reported once and at its own path.
/// </summary>
internal sealed class ReadSession(List<RuleSetError> errors)
{
    private readonly Dictionary<string, (JsonElement Element, string Path)> conditionSources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Condition?> conditions = new(StringComparer.Ordinal);
    private readonly HashSet<string> resolving = new(StringComparer.Ordinal);

    public List<RuleSetError> Errors => errors;

    public Dictionary<string, JsonElement> Tables { get; } = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, Condition> Conditions =>
        conditions.Where(c => c.Value is not null).ToDictionary(c => c.Key, c => c.Value!, StringComparer.Ordinal);

    public void DefineConditions(ObjectReader root)
    {
        if (root.Child("conditions") is not { } named)
            return;
        foreach (var name in named.FieldNames.ToList())
            conditionSources[name] = (named.Get(name)!.Value, named.FieldPath(name));
        foreach (var name in conditionSources.Keys)
            Condition(name, root, "");
    }

    public void DefineTables(ObjectReader root)
    {
        if (root.Child("tables") is not { } named)
            return;
        foreach (var name in named.FieldNames.ToList())
            Tables[name] = named.Get(name)!.Value;
    }

    /// <summary>The named condition, read on first use; null (with an error at <paramref name="field"/>) when unknown or circular.</summary>
    public Condition? Condition(string name, ObjectReader user, string field)
    {
        if (conditions.TryGetValue(name, out var done))
            return done;
        if (!conditionSources.TryGetValue(name, out var source))
        {
            user.Error(field, $"unknown condition '{name}' (named conditions: {Names(conditionSources.Keys)})");
            return null;
        }
        if (!resolving.Add(name))
        {
            user.Error(field, $"condition '{name}' refers to itself");
            return null;
        }
        var reader = ObjectReader.Open(source.Element, source.Path, $"condition '{name}'", this);
        var condition = reader is null ? null : ConditionReader.Read(reader);
        resolving.Remove(name);
        conditions[name] = condition;
        return condition;
    }

    public static string Names(IEnumerable<string> names) => names.Any() ? string.Join(", ", names) : "none defined";
}

using System.Text.Json;
using TalentMesh.Evaluation.Rules.Compilation;

namespace TalentMesh.Evaluation.Rules.Evaluation;

/// <summary>
/// Reads facts from JSON: <c>{"age": 32, "education": {"value": "doctor", "credentials": ["c-1"]}, "spouse.clb": 7}</c>.
/// null means "not provided"; keys starting with "_" are comments; the map may also sit under a "facts" key.
/// Every problem is reported at once. This convenience path allocates; the evaluation itself does not.
/// </summary>
public static class FactsJson
{
    public static FactSet Read(CompiledRuleSet ruleSet, string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        return Read(ruleSet, document.RootElement);
    }

    public static FactSet Read(CompiledRuleSet ruleSet, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw new FactsException(["facts must be a JSON object"]);
        if (root.TryGetProperty("facts", out var inner) && inner.ValueKind == JsonValueKind.Object && ruleSet.Fact("facts") is null)
            root = inner;
        var facts = ruleSet.CreateFactSet();
        var errors = new List<string>();
        foreach (var property in root.EnumerateObject().Where(p => !p.Name.StartsWith('_')))
        {
            try
            {
                Apply(facts, property.Name, property.Value);
            }
            catch (FactsException e)
            {
                errors.AddRange(e.Errors);
            }
        }
        return errors.Count == 0 ? facts : throw new FactsException(errors);
    }

    private static void Apply(FactSet facts, string name, JsonElement value)
    {
        FactValues.Fact(facts, name); // an undeclared fact is an error even when its value is null
        IReadOnlyList<string>? credentials = null;
        if (value.ValueKind == JsonValueKind.Object)
        {
            credentials = value.TryGetProperty("credentials", out var ids) ? Credentials(name, ids) : null;
            if (value.EnumerateObject().Select(p => p.Name).FirstOrDefault(n => n is not ("value" or "credentials")) is { } extra)
                throw new FactsException([$"fact '{name}': unknown field '{extra}' (expected value, credentials)"]);
            value = value.TryGetProperty("value", out var inner) ? inner : default;
        }
        switch (value.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null: break;
            case JsonValueKind.True or JsonValueKind.False: facts.Set(name, value.GetBoolean(), credentials); break;
            case JsonValueKind.String: facts.Set(name, value.GetString()!, credentials); break;
            case JsonValueKind.Number when value.TryGetDecimal(out var number): facts.Set(name, number, credentials); break;
            default: throw new FactsException([$"fact '{name}': unsupported value {value.GetRawText()}"]);
        }
    }

    private static IReadOnlyList<string> Credentials(string name, JsonElement ids) =>
        ids.ValueKind == JsonValueKind.Array && ids.EnumerateArray().All(i => i.ValueKind == JsonValueKind.String)
            ? ids.EnumerateArray().Select(i => i.GetString()!).ToList()
            : throw new FactsException([$"fact '{name}': credentials must be an array of strings"]);
}

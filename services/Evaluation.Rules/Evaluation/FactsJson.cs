using System.Text.Json;
using TalentMesh.Evaluation.Rules.Compilation;
using TalentMesh.Evaluation.Rules.Format;
using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Evaluation;

/// <summary>
/// Reads facts from JSON: <c>{"age": 32, "education": {"value": "doctor", "credentials": ["c-1"]}, "spouse.clb": 7}</c>.
/// null means "not provided"; keys starting with "_" are comments; the map may also sit under a "facts" key.
/// Every problem is reported at once, each naming the fact and its JSON path. This convenience path allocates;
/// the evaluation itself does not.
/// </summary>
public static class FactsJson
{
    public static FactSet Read(CompiledRuleSet ruleSet, string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new FactsException([$"facts: not valid JSON {JsonErrors.Where(e)}"]);
        }
        using (document)
            return Read(ruleSet, document.RootElement);
    }

    public static FactSet Read(CompiledRuleSet ruleSet, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw new FactsException([$"facts ($): expected an object of fact names and values, found {ObjectReader.Describe(root)}"]);
        var prefix = "$";
        if (root.TryGetProperty("facts", out var inner) && inner.ValueKind == JsonValueKind.Object && ruleSet.Fact("facts") is null)
            (root, prefix) = (inner, "$.facts");
        var facts = ruleSet.CreateFactSet();
        var errors = new List<string>();
        foreach (var property in root.EnumerateObject().Where(p => !p.Name.StartsWith('_')))
        {
            try
            {
                Apply(facts, property.Name, property.Value, $"{prefix}.{property.Name}");
            }
            catch (FactsException e)
            {
                errors.AddRange(e.Errors);
            }
        }
        return errors.Count == 0 ? facts : throw new FactsException(errors);
    }

    private static void Apply(FactSet facts, string name, JsonElement value, string path)
    {
        FactValues.Fact(facts, name, path); // an undeclared fact is an error even when its value is null
        IReadOnlyList<string>? credentials = null;
        if (value.ValueKind == JsonValueKind.Object)
        {
            credentials = value.TryGetProperty("credentials", out var ids) ? Credentials(name, ids, $"{path}.credentials") : null;
            if (value.EnumerateObject().Select(p => p.Name).FirstOrDefault(n => n is not ("value" or "credentials")) is { } extra)
                throw FactValues.Error(name, $"{path}.{extra}", $"unknown field '{extra}' (expected value, credentials)");
            value = value.TryGetProperty("value", out var inner) ? inner : default;
            path += ".value";
        }
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
            return;
        var scalar = CommonReaders.ReadScalar(value)
            ?? throw FactValues.Error(name, path, $"expected a number, string or boolean, found {ObjectReader.Describe(value)}");
        facts.Set(name, scalar, credentials, path);
    }

    private static IReadOnlyList<string> Credentials(string name, JsonElement ids, string path) =>
        ids.ValueKind == JsonValueKind.Array && ids.EnumerateArray().All(i => i.ValueKind == JsonValueKind.String)
            ? ids.EnumerateArray().Select(i => i.GetString()!).ToList()
            : throw FactValues.Error(name, path, "credentials must be an array of strings");

    /// <summary>Sets an example's facts (see <see cref="RuleSetExample"/>); every problem is reported at once.</summary>
    internal static FactSet Read(CompiledRuleSet ruleSet, IReadOnlyList<ExampleFact> example, string prefix, List<string> errors)
    {
        var facts = ruleSet.CreateFactSet();
        foreach (var fact in example)
        {
            try
            {
                facts.Set(fact.Name, fact.Value, fact.Credentials.Count > 0 ? fact.Credentials : null, $"{prefix}.{fact.Name}");
            }
            catch (FactsException e)
            {
                errors.AddRange(e.Errors);
            }
        }
        return facts;
    }
}

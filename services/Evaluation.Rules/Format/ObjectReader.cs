using System.Text.Json;
using TalentMesh.Evaluation.Rules.Validation;

namespace TalentMesh.Evaluation.Rules.Format;

/// <summary>
/// Reads one JSON object field by field, recording precise errors instead of throwing, and remembers which
/// fields it read so that typos ("maxInclusve") are reported. Fields starting with "_" are comments.
/// </summary>
internal sealed class ObjectReader(JsonElement element, string path, ReadSession session)
{
    private readonly HashSet<string> read = [];

    private readonly List<RuleSetError> errors = session.Errors;

    public string Subject { get; set; } = "rule set";

    public ReadSession Session => session;

    /// <summary>The names of the fields that are not comments.</summary>
    public IEnumerable<string> FieldNames => element.EnumerateObject().Select(p => p.Name).Where(n => !n.StartsWith('_'));

    public static ObjectReader? Open(JsonElement element, string path, string subject, ReadSession session)
    {
        if (element.ValueKind == JsonValueKind.Object)
            return new ObjectReader(element, path, session) { Subject = subject };
        session.Errors.Add(new RuleSetError(subject, path, $"expected an object, found {Describe(element)}"));
        return null;
    }

    /// <summary>Opens a nested object field; it inherits this reader's subject.</summary>
    public ObjectReader? Child(string name, bool required = false) =>
        Get(name, required) is { } value ? Open(value, FieldPath(name), Subject, session) : null;

    /// <summary>Opens an element (an array item) that belongs to the same subject.</summary>
    public ObjectReader? At(JsonElement element, string elementPath) => Open(element, elementPath, Subject, session);

    /// <summary>
    /// Reads a named element (a fact, rule, tier …) that is its own subject: reads its <paramref name="key"/>, names
    /// the subject after it, lets <paramref name="read"/> read the other fields and rejects unknown ones. Null
    /// when the element is not an object or has no usable key (the error is recorded).
    /// </summary>
    public T? Named<T>(JsonElement element, string elementPath, string what, Func<ObjectReader, string, T?> read, string key = "id")
        where T : class
    {
        if (Open(element, elementPath, $"{what} at {elementPath}", session) is not { } reader)
            return null;
        var id = reader.String(key, required: true);
        if (id is not null)
            reader.Subject = $"{what} '{id}'";
        var result = read(reader, id ?? "");
        reader.RejectUnknownFields();
        return id is null ? null : result;
    }

    public bool Has(string name) => element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>Marks a field as read without reading it (its error has been reported another way).</summary>
    public void Skip(string name) => read.Add(name);

    public JsonElement? Get(string name, bool required = false)
    {
        read.Add(name);
        if (element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
            return value;
        if (required)
            Error(name, "is required");
        return null;
    }

    public void Error(string field, string message) => ErrorAt(FieldPath(field), message);

    /// <summary>Records an error at a full path below this object (an array item of one of its fields).</summary>
    public void ErrorAt(string fullPath, string message) => errors.Add(new RuleSetError(Subject, fullPath, message));

    public string FieldPath(string field) => $"{path}.{field}";

    public void RejectUnknownFields()
    {
        foreach (var name in FieldNames.Where(n => !read.Contains(n)))
            Error(name, "unknown field");
    }

    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{element.GetString()}\"",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        _ => "null",
    };
}

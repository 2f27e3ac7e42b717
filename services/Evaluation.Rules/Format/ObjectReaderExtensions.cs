using System.Text.Json;

namespace TalentMesh.Evaluation.Rules.Format;

/// <summary>Typed field access on <see cref="ObjectReader"/>; a wrong type is an error and reads as null.</summary>
internal static class ObjectReaderExtensions
{
    public static string? String(this ObjectReader reader, string name, bool required = false)
    {
        if (reader.Get(name, required) is not { } value)
            return null;
        if (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
            return text;
        reader.Error(name, $"expected a non-empty string, found {ObjectReader.Describe(value)}");
        return null;
    }

    public static decimal? Decimal(this ObjectReader reader, string name, bool required = false)
    {
        if (reader.Get(name, required) is not { } value)
            return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number))
            return number;
        reader.Error(name, $"expected a number, found {ObjectReader.Describe(value)}");
        return null;
    }

    public static bool? Bool(this ObjectReader reader, string name)
    {
        if (reader.Get(name) is not { } value)
            return null;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            return value.GetBoolean();
        reader.Error(name, $"expected true or false, found {ObjectReader.Describe(value)}");
        return null;
    }

    public static List<(JsonElement Element, string Path)> Array(this ObjectReader reader, string name, bool required = false)
    {
        if (reader.Get(name, required) is not { } value)
            return [];
        if (value.ValueKind != JsonValueKind.Array)
        {
            reader.Error(name, $"expected an array, found {ObjectReader.Describe(value)}");
            return [];
        }
        return value.EnumerateArray().Select((e, i) => (e, $"{reader.FieldPath(name)}[{i}]")).ToList();
    }

    /// <summary>An array of objects that belong to this reader's subject; each is read, then checked for unknown fields.</summary>
    public static List<T> Objects<T>(this ObjectReader reader, string name, Func<ObjectReader, T?> read, bool required = false)
        where T : class
    {
        var result = new List<T>();
        foreach (var (element, path) in reader.Array(name, required))
        {
            if (reader.At(element, path) is not { } item)
                continue;
            if (read(item) is { } value)
                result.Add(value);
            item.RejectUnknownFields();
        }
        return result;
    }

    /// <summary>An array of named elements (see <see cref="ObjectReader.Named{T}"/>); the unusable ones are left out.</summary>
    public static List<T> Named<T>(this ObjectReader reader, string name, string what, Func<ObjectReader, string, T?> read,
        bool required = false, string key = "id")
        where T : class =>
        reader.Array(name, required).Select(i => reader.Named(i.Element, i.Path, what, read, key)).OfType<T>().ToList();

    public static List<string> Strings(this ObjectReader reader, string name, bool required = false)
    {
        var result = new List<string>();
        foreach (var (element, path) in reader.Array(name, required))
        {
            if (element.ValueKind == JsonValueKind.String && element.GetString() is { Length: > 0 } text)
                result.Add(text);
            else
                reader.ErrorAt(path, $"expected a non-empty string, found {ObjectReader.Describe(element)}");
        }
        return result;
    }

    public static TEnum? Enum<TEnum>(this ObjectReader reader, string name, bool required = false)
        where TEnum : struct, System.Enum
    {
        if (reader.String(name, required) is not { } text)
            return null;
        // Only a member's name: Enum.TryParse would also take "1", "-1" or "skip, zero" (flags combined).
        var names = System.Enum.GetNames<TEnum>();
        if (names.FirstOrDefault(n => n.Equals(text, StringComparison.OrdinalIgnoreCase)) is { } match)
            return System.Enum.Parse<TEnum>(match);
        var allowed = string.Join(", ", names.Select(n => n.ToLowerInvariant()));
        reader.Error(name, $"\"{text}\" is not one of: {allowed}");
        return null;
    }
}

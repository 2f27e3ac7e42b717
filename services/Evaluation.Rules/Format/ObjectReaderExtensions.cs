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

    public static List<string> Strings(this ObjectReader reader, string name, bool required = false)
    {
        var result = new List<string>();
        foreach (var (element, path) in reader.Array(name, required))
        {
            if (element.ValueKind == JsonValueKind.String && element.GetString() is { Length: > 0 } text)
                result.Add(text);
            else
                reader.Error(path[(reader.Path.Length + 1)..], $"expected a non-empty string, found {ObjectReader.Describe(element)}");
        }
        return result;
    }

    public static TEnum? Enum<TEnum>(this ObjectReader reader, string name, bool required = false)
        where TEnum : struct, System.Enum
    {
        if (reader.String(name, required) is not { } text)
            return null;
        if (System.Enum.TryParse<TEnum>(text, ignoreCase: true, out var parsed) && !char.IsDigit(text[0]))
            return parsed;
        var allowed = string.Join(", ", System.Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()));
        reader.Error(name, $"\"{text}\" is not one of: {allowed}");
        return null;
    }
}

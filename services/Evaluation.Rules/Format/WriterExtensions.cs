using System.Globalization;
using System.Text.Json;
using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Format;

internal static class WriterExtensions
{
    /// <summary>Drops trailing zeros so 1.50 and 1.5 serialize (and hash) alike.</summary>
    public static decimal Normalize(decimal value) =>
        decimal.Parse(value.ToString("0.############################", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>Runs <paramref name="write"/> on a fresh writer and returns the UTF-8 bytes it wrote.</summary>
    public static byte[] Render(JsonWriterOptions options, Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, options))
            write(writer);
        return stream.ToArray();
    }

    public static void Number(this Utf8JsonWriter writer, string name, decimal value) =>
        writer.WriteNumber(name, Normalize(value));

    public static void NumberValue(this Utf8JsonWriter writer, decimal value) => writer.WriteNumberValue(Normalize(value));

    public static void Number(this Utf8JsonWriter writer, string name, decimal? value)
    {
        if (value is { } v)
            writer.Number(name, v);
    }

    /// <summary>Like <see cref="Number(Utf8JsonWriter, string, decimal?)"/>, but an absent value is written as null.</summary>
    public static void NumberOrNull(this Utf8JsonWriter writer, string name, decimal? value)
    {
        if (value is { } v)
            writer.Number(name, v);
        else
            writer.WriteNull(name);
    }

    public static void Lower(this Utf8JsonWriter writer, string name, Enum value) =>
        writer.WriteString(name, Camel(value.ToString()));

    public static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    public static void Labels(this Utf8JsonWriter writer, Labels? labels)
    {
        if (labels is null)
            return;
        writer.WriteStartObject("labels");
        writer.WriteString("zh", labels.Zh);
        writer.WriteString("en", labels.En);
        writer.WriteEndObject();
    }

    public static void Source(this Utf8JsonWriter writer, Source? source)
    {
        if (source is null)
            return;
        writer.WriteStartObject("source");
        if (source.Document is { } document)
            writer.WriteString("document", document);
        if (source.Article is { } article)
            writer.WriteString("article", article);
        if (source.Url is { } url)
            writer.WriteString("url", url);
        writer.WriteEndObject();
    }

    /// <summary>An array of objects: <paramref name="writeFields"/> writes the fields of each.</summary>
    public static void Objects<T>(this Utf8JsonWriter writer, string name, IEnumerable<T> items, Action<Utf8JsonWriter, T> writeFields)
    {
        writer.WriteStartArray(name);
        foreach (var item in items)
        {
            writer.WriteStartObject();
            writeFields(writer, item);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    public static void Strings(this Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
            writer.WriteStringValue(value);
        writer.WriteEndArray();
    }

    /// <summary>Writes min/max of a range; the inclusivity flag is always stated next to its bound.</summary>
    public static void RangeFields(this Utf8JsonWriter writer, NumericRange range)
    {
        if (range.Min is { } min)
        {
            writer.Number("min", min);
            writer.WriteBoolean("minInclusive", range.MinInclusive);
        }
        if (range.Max is { } max)
        {
            writer.Number("max", max);
            writer.WriteBoolean("maxInclusive", range.MaxInclusive);
        }
    }

    public static void Scalar(this Utf8JsonWriter writer, Scalar value)
    {
        switch (value.Kind)
        {
            case ScalarKind.Text: writer.WriteStringValue(value.Text); break;
            case ScalarKind.Number: writer.NumberValue(value.Number); break;
            default: writer.WriteBooleanValue(value.Flag); break;
        }
    }
}

using System.Text.Json;
using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Format;

/// <summary>
/// A lookup's <c>table</c> and a band rule's <c>bands</c> are written in place or name an entry of the rule set's
/// <c>tables</c> (<c>"table": "education_points"</c>). A named table is shorthand: it is read in place of the
/// name, checked against the fact of each rule that uses it, and the canonical form writes it out in full.
/// </summary>
internal static class NamedTables
{
    public static IReadOnlyList<LookupEntry> Lookup(ObjectReader reader)
    {
        var table = Resolve(reader, "table", JsonValueKind.Object, "an object of value → points");
        // Every field of the table is an entry, so none is unknown.
        return table?.FieldNames.Select(name => new LookupEntry(name, table.Decimal(name, required: true) ?? 0)).ToList() ?? [];
    }

    public static IReadOnlyList<Band> Bands(ObjectReader reader)
    {
        if (reader.Get("bands", required: true) is not { ValueKind: JsonValueKind.String })
            return reader.Objects("bands", ReadBand);
        if (Named(reader, "bands", JsonValueKind.Array, "an array of bands") is not { } named)
            return [];
        return named.Element.EnumerateArray()
            .Select((band, i) => reader.At(band, $"{named.Path}[{i}]") is { } item ? (ReadBand(item), item) : default)
            .Where(b => b.item is not null)
            .Select(b => { b.item!.RejectUnknownFields(); return b.Item1; })
            .ToList();
    }

    private static Band ReadBand(ObjectReader band) => new(band.ReadRange(), band.Decimal("points", required: true) ?? 0);

    private static ObjectReader? Resolve(ObjectReader reader, string field, JsonValueKind kind, string what)
    {
        if (reader.Get(field, required: true) is not { ValueKind: JsonValueKind.String })
            return reader.Child(field);
        return Named(reader, field, kind, what) is { } named ? reader.At(named.Element, named.Path) : null;
    }

    private static (JsonElement Element, string Path)? Named(ObjectReader reader, string field, JsonValueKind kind, string what)
    {
        var name = reader.String(field)!;
        var tables = reader.Session.Tables;
        if (!tables.TryGetValue(name, out var table))
        {
            reader.Error(field, $"unknown table '{name}' (named tables: {ReadSession.Names(tables.Keys)})");
            return null;
        }
        if (table.ValueKind != kind)
        {
            reader.Error(field, $"table '{name}' is {ObjectReader.Describe(table)}; {field} needs {what}");
            return null;
        }
        return (table, $"$.tables.{name}");
    }
}

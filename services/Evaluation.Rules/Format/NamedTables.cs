using System.Text.Json;
using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Format;

/// <summary>
/// A lookup's <c>table</c>, a band rule's <c>bands</c> and a grid's <c>cells</c> are written in place or name an entry of the rule set's
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
        var bands = new List<Band>();
        var index = 0;
        foreach (var element in named.Element.EnumerateArray())
        {
            if (reader.At(element, $"{named.Path}[{index++}]") is not { } item)
                continue;
            bands.Add(ReadBand(item));
            item.RejectUnknownFields();
        }
        return bands;
    }

    /// <summary>A grid's rows of cells, in place or from a named table (an array of arrays of points).</summary>
    public static List<(JsonElement Element, string Path)> Cells(ObjectReader reader)
    {
        if (reader.Get("cells", required: true) is not { ValueKind: JsonValueKind.String })
            return reader.Array("cells", required: true);
        return Named(reader, "cells", JsonValueKind.Array, "an array of rows of points") is { } named
            ? named.Element.EnumerateArray().Select((row, i) => (row, $"{named.Path}[{i}]")).ToList()
            : [];
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

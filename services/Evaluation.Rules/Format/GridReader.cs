using System.Text.Json;
using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Format;

internal static class GridReader
{
    public static GridRule Read(ObjectReader reader, string id, Labels labels, Condition? when)
    {
        var missing = reader.ReadMissing();
        var rows = ReadAxis(reader, "rows");
        var columns = ReadAxis(reader, "columns");
        var cells = new List<IReadOnlyList<decimal>>();
        foreach (var (element, path) in NamedTables.Cells(reader))
        {
            if (element.ValueKind != JsonValueKind.Array)
            {
                reader.ErrorAt(path, "expected an array of numbers (one grid row)");
                continue;
            }
            var row = new List<decimal>();
            foreach (var cell in element.EnumerateArray())
            {
                if (cell.ValueKind == JsonValueKind.Number && cell.TryGetDecimal(out var points))
                    row.Add(points);
                else
                    reader.ErrorAt(path, $"expected a number, found {ObjectReader.Describe(cell)}");
            }
            cells.Add(row);
        }
        return new GridRule(id, labels, when, missing, rows, columns, cells);
    }

    private static GridAxis ReadAxis(ObjectReader reader, string name)
    {
        if (reader.Child(name, required: true) is not { } axis)
            return new GridAxis("", [], null);
        var fact = axis.String("fact", required: true) ?? "";
        IReadOnlyList<string>? values = axis.Has("values") ? axis.Strings("values") : null;
        IReadOnlyList<NumericRange>? bands = axis.Has("bands") ? axis.Objects("bands", band => band.ReadRange()) : null;
        if ((values is null) == (bands is null))
            axis.Error("fact", "a grid axis needs exactly one of values (categorical) or bands (numeric)");
        axis.RejectUnknownFields();
        return new GridAxis(fact, values, bands);
    }
}

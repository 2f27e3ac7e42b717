using System.Text.Json;
using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Format;

internal static class GridWriter
{
    public static void Write(Utf8JsonWriter writer, GridRule grid)
    {
        Axis(writer, "rows", grid.Rows);
        Axis(writer, "columns", grid.Columns);
        writer.WriteStartArray("cells");
        foreach (var row in grid.Cells)
        {
            writer.WriteStartArray();
            foreach (var cell in row)
                writer.NumberValue(cell);
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
    }

    private static void Axis(Utf8JsonWriter writer, string name, GridAxis axis)
    {
        writer.WriteStartObject(name);
        writer.WriteString("fact", axis.Fact);
        if (axis.Values is { } values)
            writer.Strings("values", values);
        if (axis.Bands is { } bands)
            writer.Objects("bands", bands, (w, band) => w.RangeFields(band));
        writer.WriteEndObject();
    }
}

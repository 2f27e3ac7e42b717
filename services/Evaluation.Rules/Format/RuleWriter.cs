using System.Text.Json;
using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Format;

internal static class RuleWriter
{
    public static void Write(Utf8JsonWriter writer, Rule rule)
    {
        writer.WriteStartObject();
        writer.WriteString("id", rule.Id);
        writer.WriteString("kind", Kind(rule));
        writer.Labels(rule.Labels);
        writer.Source(rule.Source);
        ConditionWriter.Write(writer, "when", rule.When);
        if (rule is FactRule factRule)
            writer.Lower("missing", factRule.Missing);
        switch (rule)
        {
            case BandRule band: WriteBand(writer, band); break;
            case LookupRule lookup: WriteLookup(writer, lookup); break;
            case CountRule count:
                writer.WriteString("fact", count.Fact);
                writer.Number("from", count.From);
                writer.Number("per", count.Per);
                writer.Number("pointsEach", count.PointsEach);
                writer.Number("cap", count.Cap);
                break;
            case GridRule grid: GridWriter.Write(writer, grid); break;
            case BonusRule bonus: writer.Number("points", bonus.Points); break;
            case GroupRule group: WriteGroup(writer, group); break;
            case ChooseRule choose: WriteChoose(writer, choose); break;
        }
        writer.WriteEndObject();
    }

    public static string Kind(Rule rule) => rule switch
    {
        BandRule => "band",
        LookupRule => "lookup",
        CountRule => "count",
        GridRule => "grid",
        BonusRule => "bonus",
        GroupRule => "group",
        _ => "choose",
    };

    private static void WriteBand(Utf8JsonWriter writer, BandRule band)
    {
        writer.WriteString("fact", band.Fact);
        writer.Objects("bands", band.Bands, (w, item) =>
        {
            w.RangeFields(item.Range);
            w.Number("points", item.Points);
        });
    }

    private static void WriteLookup(Utf8JsonWriter writer, LookupRule lookup)
    {
        writer.WriteString("fact", lookup.Fact);
        writer.WriteStartObject("table");
        // A table is a map: entries in a fixed order, so listing them differently leaves the content hash alone.
        foreach (var entry in lookup.Table.OrderBy(e => e.Value, StringComparer.Ordinal))
            writer.Number(entry.Value, entry.Points);
        writer.WriteEndObject();
    }

    private static void WriteGroup(Utf8JsonWriter writer, GroupRule group)
    {
        writer.Lower("combine", group.Combine);
        writer.Number("cap", group.Cap);
        writer.WriteStartArray("items");
        foreach (var item in group.Items)
            Write(writer, item);
        writer.WriteEndArray();
    }

    private static void WriteChoose(Utf8JsonWriter writer, ChooseRule choose)
    {
        writer.Objects("cases", choose.Cases, (w, item) =>
        {
            ConditionWriter.Write(w, "when", item.When);
            w.WritePropertyName("rule");
            Write(w, item.Rule);
        });
        if (choose.Otherwise is { } otherwise)
        {
            writer.WritePropertyName("otherwise");
            Write(writer, otherwise);
        }
    }
}

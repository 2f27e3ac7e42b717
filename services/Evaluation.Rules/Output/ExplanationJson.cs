using System.Text.Json;
using TalentMesh.Evaluation.Rules.Format;

namespace TalentMesh.Evaluation.Rules.Output;

public static class ExplanationJson
{
    public static string Write(Explanation.Explanation explanation) => ResultJson.Render(writer => Write(writer, explanation));

    private static void Write(Utf8JsonWriter writer, Explanation.Explanation explanation)
    {
        writer.WriteStartObject();
        writer.Number("total", explanation.Total);
        writer.WriteString("tier", explanation.Tier);
        writer.WriteBoolean("vetoed", explanation.Vetoed);
        writer.WriteString("nextTier", explanation.NextTier);
        if (explanation.Gap is { } gap)
            writer.Number("gap", gap);
        else
            writer.WriteNull("gap");
        writer.WriteStartArray("suggestions");
        foreach (var s in explanation.Suggestions)
        {
            writer.WriteStartObject();
            writer.WriteString("fact", s.Fact);
            writer.WriteString("from", s.From);
            writer.WriteString("to", s.To);
            writer.Number("total", s.Total);
            writer.WriteString("tier", s.Tier);
            writer.Number("gain", s.Gain);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.Strings("notProvided", explanation.NotProvided);
        writer.WriteEndObject();
    }
}

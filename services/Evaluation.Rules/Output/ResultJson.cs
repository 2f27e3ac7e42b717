using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using TalentMesh.Evaluation.Rules.Evaluation;
using TalentMesh.Evaluation.Rules.Format;

namespace TalentMesh.Evaluation.Rules.Output;

/// <summary>The JSON shape of a result (CLI output, and what a service would return or store).</summary>
public static class ResultJson
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(EvaluationResult result) => Render(writer => Write(writer, result));

    public static string Render(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
            write(writer);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, EvaluationResult result)
    {
        var source = result.RuleSet.Source;
        writer.WriteStartObject();
        writer.WriteStartObject("ruleSet");
        writer.WriteString("id", source.Id);
        writer.WriteString("version", source.Version);
        writer.WriteString("contentHash", result.RuleSet.ContentHash);
        writer.WriteEndObject();
        writer.Number("total", result.Total);
        writer.WriteString("tier", result.Tier?.Id);
        writer.WriteString("pointsTier", result.PointsTier?.Id);
        writer.Strings("vetoedBy", result.Vetoes.Select(v => v.Id).ToList());
        writer.Strings("recognizedBy", result.Recognitions.Select(r => r.Id).ToList());
        writer.WriteBoolean("complete", result.IsComplete);
        if (result.MissingRequired is { } missing)
        {
            writer.WriteStartObject("missingRequired");
            writer.WriteString("rule", missing.RuleId);
            writer.WriteString("fact", missing.Fact);
            writer.WriteEndObject();
        }
        writer.WriteString("nextTier", result.NextTier?.Id);
        if (result.GapToNextTier is { } gap)
            writer.Number("gapToNextTier", gap);
        else
            writer.WriteNull("gapToNextTier");
        writer.WriteStartArray("breakdown");
        foreach (var entry in result.Breakdown)
            Entry(writer, entry);
        writer.WriteEndArray();
        writer.Strings("notProvided", result.NotProvided.Select(n => n.Id).ToList());
        writer.WriteEndObject();
    }

    private static void Entry(Utf8JsonWriter writer, BreakdownEntry entry)
    {
        writer.WriteStartObject();
        writer.WriteString("rule", entry.RuleId);
        writer.Labels(entry.Labels);
        writer.WriteString("kind", entry.Kind);
        writer.Strings("path", entry.Path);
        writer.Number("rawPoints", entry.RawPoints);
        writer.WriteStartArray("afterCaps");
        foreach (var stage in entry.Stages)
        {
            writer.WriteStartObject();
            writer.WriteString("cap", stage.RuleId);
            writer.Number("points", stage.PointsAfter);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.Number("points", entry.Points);
        writer.WriteString("clippedBy", entry.ClippedBy);
        writer.WriteStartArray("facts");
        foreach (var fact in entry.Facts)
        {
            writer.WriteStartObject();
            writer.WriteString("fact", fact.Fact);
            writer.WriteString("value", fact.Value);
            writer.Strings("credentials", fact.Credentials);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}

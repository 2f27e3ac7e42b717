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

    /// <summary>The indented, readable form shared by the output shapes.</summary>
    internal static string Render(Action<Utf8JsonWriter> write) => Encoding.UTF8.GetString(WriterExtensions.Render(Options, write));

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
        writer.NumberOrNull("gapToNextTier", result.GapToNextTier);
        writer.Objects("breakdown", result.Breakdown, Entry);
        Groups(writer, result);
        writer.Strings("notProvided", result.NotProvidedFacts);
        writer.WriteEndObject();
    }

    /// <summary>Every group's subtotal before and after its cap.</summary>
    internal static void Groups(Utf8JsonWriter writer, EvaluationResult result) =>
        writer.Objects("groups", result.Groups, (w, group) =>
        {
            w.WriteString("group", group.RuleId);
            w.Labels(group.Labels);
            w.Strings("path", group.Path);
            w.WriteString("combine", group.Combine);
            w.Number("beforeCap", group.BeforeCap);
            w.NumberOrNull("cap", group.Cap);
            w.Number("afterCap", group.AfterCap);
            w.Source(group.Source);
        });

    internal static void Entry(Utf8JsonWriter writer, BreakdownEntry entry)
    {
        writer.WriteString("rule", entry.RuleId);
        writer.Labels(entry.Labels);
        writer.WriteString("kind", entry.Kind);
        writer.Strings("path", entry.Path);
        writer.WriteString("status", WriterExtensions.Camel(entry.Status.ToString()));
        if (entry.Condition is { } condition)
            writer.WriteString("when", condition);
        writer.Number("rawPoints", entry.RawPoints);
        writer.Objects("afterCaps", entry.Stages, (w, stage) =>
        {
            w.WriteString("cap", stage.RuleId);
            w.Number("points", stage.PointsAfter);
        });
        writer.Number("points", entry.Points);
        writer.WriteString("clippedBy", entry.ClippedBy);
        writer.Source(entry.Source);
        writer.Objects("facts", entry.Facts, Fact);
        writer.Objects("selectedBy", entry.SelectedBy, Fact);
    }

    private static void Fact(Utf8JsonWriter writer, FactEvidence fact)
    {
        writer.WriteString("fact", fact.Fact);
        writer.WriteString("value", fact.Value);
        writer.Strings("credentials", fact.Credentials);
    }
}

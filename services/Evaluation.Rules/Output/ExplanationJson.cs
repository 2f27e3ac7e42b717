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
        if (explanation.Target is { } target)
            writer.Number("target", target);
        writer.NumberOrNull("gap", explanation.Gap);
        writer.Objects("suggestions", explanation.Suggestions, (w, s) =>
        {
            w.WriteString("fact", s.Fact);
            w.WriteString("from", s.From);
            w.WriteString("to", s.To);
            w.Number("total", s.Total);
            w.WriteString("tier", s.Tier);
            w.Number("gain", s.Gain);
        });
        writer.Strings("notProvided", explanation.NotProvided);
        if (explanation.Result is { } result)
        {
            // The whole trace: every rule that scored, was not applicable (with its condition) or lacked a fact.
            writer.Objects("trace", result.Trace, ResultJson.Entry);
            ResultJson.Groups(writer, result);
        }
        writer.WriteEndObject();
    }
}

using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Format;

/// <summary>
/// Writes the file format. Every field is written in a fixed order with defaults stated, so the output is the
/// canonical form: reading it back yields the same model, and its compact UTF-8 bytes define the content hash.
/// </summary>
public static class RuleSetWriter
{
    public static string Write(RuleSet ruleSet, bool indented = true) => Encoding.UTF8.GetString(WriteUtf8(ruleSet, indented));

    public static byte[] WriteUtf8(RuleSet ruleSet, bool indented)
    {
        using var stream = new MemoryStream();
        // The default encoder escapes every non-ASCII character, which keeps the canonical bytes unambiguous;
        // the indented (human) form keeps Chinese labels readable.
        var options = new JsonWriterOptions
        {
            Indented = indented,
            Encoder = indented ? JavaScriptEncoder.UnsafeRelaxedJsonEscaping : JavaScriptEncoder.Default,
        };
        using (var writer = new Utf8JsonWriter(stream, options))
            Write(writer, ruleSet);
        return stream.ToArray();
    }

    private static void Write(Utf8JsonWriter writer, RuleSet ruleSet)
    {
        writer.WriteStartObject();
        writer.WriteString("format", RuleSet.Format);
        writer.WriteString("id", ruleSet.Id);
        writer.WriteString("version", ruleSet.Version);
        writer.Labels(ruleSet.Labels);
        if (ruleSet.Description is { } description)
            writer.WriteString("description", description);
        writer.WriteStartArray("facts");
        foreach (var fact in ruleSet.Facts)
            WriteFact(writer, fact);
        writer.WriteEndArray();
        writer.WriteStartArray("rules");
        foreach (var rule in ruleSet.Rules)
            RuleWriter.Write(writer, rule);
        writer.WriteEndArray();
        writer.Number("cap", ruleSet.Cap);
        WriteTiers(writer, ruleSet);
        writer.WriteEndObject();
    }

    private static void WriteFact(Utf8JsonWriter writer, FactDefinition fact)
    {
        writer.WriteStartObject();
        writer.WriteString("name", fact.Name);
        writer.Lower("type", fact.Type);
        writer.Labels(fact.Labels);
        if (fact.Unit is { } unit)
            writer.WriteString("unit", unit);
        if (fact.Values.Count > 0)
            writer.Strings("values", fact.Values);
        writer.Number("min", fact.Min);
        writer.Number("max", fact.Max);
        writer.Number("step", fact.Step);
        if (fact.Persons.Count > 0)
            writer.Strings("persons", fact.Persons);
        writer.Lower("explain", fact.Explain);
        writer.WriteEndObject();
    }

    private static void WriteTiers(Utf8JsonWriter writer, RuleSet ruleSet)
    {
        writer.WriteStartArray("tiers");
        foreach (var tier in ruleSet.Tiers)
        {
            writer.WriteStartObject();
            writer.WriteString("id", tier.Id);
            writer.Labels(tier.Labels);
            writer.Number("minPoints", tier.MinPoints);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartArray("vetoes");
        foreach (var veto in ruleSet.Vetoes)
        {
            writer.WriteStartObject();
            writer.WriteString("id", veto.Id);
            writer.Labels(veto.Labels);
            ConditionWriter.Write(writer, "when", veto.When);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartArray("recognitions");
        foreach (var recognition in ruleSet.Recognitions)
        {
            writer.WriteStartObject();
            writer.WriteString("id", recognition.Id);
            writer.Labels(recognition.Labels);
            ConditionWriter.Write(writer, "when", recognition.When);
            writer.WriteString("tier", recognition.Tier);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }
}

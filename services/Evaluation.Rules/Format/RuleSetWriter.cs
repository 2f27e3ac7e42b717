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
    // The default encoder escapes every non-ASCII character, which keeps the canonical bytes unambiguous; the
    // indented (human) form keeps Chinese labels readable.
    private static readonly JsonWriterOptions Canonical = new() { Encoder = JavaScriptEncoder.Default };
    private static readonly JsonWriterOptions Readable = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(RuleSet ruleSet, bool indented = true) => Encoding.UTF8.GetString(WriteUtf8(ruleSet, indented));

    public static byte[] WriteUtf8(RuleSet ruleSet, bool indented) =>
        WriterExtensions.Render(indented ? Readable : Canonical, writer => Write(writer, ruleSet));

    private static void Write(Utf8JsonWriter writer, RuleSet ruleSet)
    {
        writer.WriteStartObject();
        writer.WriteString("format", RuleSet.Format);
        writer.WriteString("id", ruleSet.Id);
        writer.WriteString("version", ruleSet.Version);
        writer.Labels(ruleSet.Labels);
        if (ruleSet.Description is { } description)
            writer.WriteString("description", description);
        writer.Objects("facts", ruleSet.Facts, WriteFact);
        writer.WriteStartArray("rules");
        foreach (var rule in ruleSet.Rules)
            RuleWriter.Write(writer, rule);
        writer.WriteEndArray();
        writer.Number("cap", ruleSet.Cap);
        WriteTiers(writer, ruleSet);
        writer.Objects("examples", ruleSet.Examples, WriteExample);
        writer.WriteEndObject();
    }

    private static void WriteFact(Utf8JsonWriter writer, FactDefinition fact)
    {
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
        if (fact.Derived is { } derived)
        {
            writer.WriteStartObject("derived");
            writer.Strings(WriterExtensions.Camel(derived.Kind.ToString()), derived.Of);
            writer.Lower("missing", derived.Missing);
            writer.WriteEndObject();
        }
    }

    private static void WriteExample(Utf8JsonWriter writer, RuleSetExample example)
    {
        writer.WriteString("name", example.Name);
        writer.WriteStartObject("facts");
        // The facts are a map: a fixed order keeps the hash independent of how they were listed.
        foreach (var fact in example.Facts.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            writer.WriteStartObject(fact.Name);
            writer.WritePropertyName("value");
            writer.Scalar(fact.Value);
            writer.Strings("credentials", fact.Credentials);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
        writer.WriteStartObject("expected");
        writer.Number("total", example.Expected.Total);
        if (example.Expected.ChecksTier)
            writer.WriteString("tier", example.Expected.Tier);
        if (example.Expected.Points.Count > 0)
        {
            writer.WriteStartObject("points");
            foreach (var points in example.Expected.Points.OrderBy(p => p.Rule, StringComparer.Ordinal))
                writer.Number(points.Rule, points.Points);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    private static void WriteTiers(Utf8JsonWriter writer, RuleSet ruleSet)
    {
        writer.Objects("tiers", ruleSet.Tiers, (w, tier) =>
        {
            Header(w, tier.Id, tier.Labels);
            w.Number("minPoints", tier.MinPoints);
        });
        writer.Objects("vetoes", ruleSet.Vetoes, (w, veto) =>
        {
            Header(w, veto.Id, veto.Labels);
            ConditionWriter.Write(w, "when", veto.When);
        });
        writer.Objects("recognitions", ruleSet.Recognitions, (w, recognition) =>
        {
            Header(w, recognition.Id, recognition.Labels);
            ConditionWriter.Write(w, "when", recognition.When);
            w.WriteString("tier", recognition.Tier);
        });
    }

    private static void Header(Utf8JsonWriter writer, string id, Labels labels)
    {
        writer.WriteString("id", id);
        writer.Labels(labels);
    }
}

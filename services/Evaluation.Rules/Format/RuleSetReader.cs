using System.Text.Json;
using TalentMesh.Evaluation.Rules.Model;
using TalentMesh.Evaluation.Rules.Validation;

namespace TalentMesh.Evaluation.Rules.Format;

/// <summary>Parses the JSON file format into the model, collecting every structural error it finds.</summary>
public static class RuleSetReader
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Skip };

    public static RuleSet? TryRead(string json, List<RuleSetError> errors)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            errors.Add(new RuleSetError("rule set", $"line {e.LineNumber + 1}", $"not valid JSON {JsonErrors.Where(e)}"));
            return null;
        }
        using (document)
            return ObjectReader.Open(document.RootElement, "$", "rule set", new ReadSession(errors)) is { } reader ? Read(reader) : null;
    }

    private static RuleSet? Read(ObjectReader reader)
    {
        reader.Skip("$schema"); // the editor's schema reference, not part of the rule set
        var format = reader.String("format");
        if (format is not null && format != RuleSet.Format)
            reader.Error("format", $"unsupported format \"{format}\" (expected \"{RuleSet.Format}\")");
        var id = reader.String("id", required: true);
        var version = reader.String("version", required: true);
        var labels = reader.ReadLabels();
        var description = reader.String("description");
        var facts = reader.Named("facts", "fact", FactReader.Read, required: true, key: "name");
        reader.Session.DefineTables(reader);
        reader.Session.DefineConditions(reader);
        var rules = reader.Named("rules", "rule", RuleReader.Read, required: true);
        var cap = reader.Decimal("cap");
        var tiers = reader.Named("tiers", "tier", ReadTier);
        var vetoes = reader.Named("vetoes", "veto", ReadVeto);
        var recognitions = reader.Named("recognitions", "recognition", ReadRecognition);
        var examples = reader.Named("examples", "example", ExampleReader.Read, key: "name");
        reader.RejectUnknownFields();
        if (id is null || version is null || labels is null)
            return null;
        return new RuleSet(id, version, labels, description, facts, rules, cap, tiers, vetoes, recognitions)
        {
            Examples = examples,
            Conditions = reader.Session.Conditions,
        };
    }

    private static Tier ReadTier(ObjectReader reader, string id) =>
        new(id, reader.ReadLabels() ?? CommonReaders.Missing, reader.Decimal("minPoints"));

    private static Veto? ReadVeto(ObjectReader reader, string id)
    {
        var labels = reader.ReadLabels() ?? CommonReaders.Missing;
        return reader.ReadCondition("when", required: true) is { } when ? new Veto(id, labels, when) : null;
    }

    private static Recognition? ReadRecognition(ObjectReader reader, string id)
    {
        var labels = reader.ReadLabels() ?? CommonReaders.Missing;
        var when = reader.ReadCondition("when", required: true);
        var tier = reader.String("tier", required: true);
        return when is null || tier is null ? null : new Recognition(id, labels, when, tier);
    }
}

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
            errors.Add(new RuleSetError("rule set", $"line {e.LineNumber + 1}", $"not valid JSON: {e.Message}"));
            return null;
        }
        using (document)
            return ObjectReader.Open(document.RootElement, "$", "rule set", errors) is { } reader ? Read(reader) : null;
    }

    private static RuleSet? Read(ObjectReader reader)
    {
        var format = reader.String("format");
        if (format is not null && format != RuleSet.Format)
            reader.Error("format", $"unsupported format \"{format}\" (expected \"{RuleSet.Format}\")");
        var id = reader.String("id", required: true);
        var version = reader.String("version", required: true);
        var labels = reader.ReadLabels();
        var description = reader.String("description");
        var facts = reader.Array("facts", required: true)
            .Select(i => ObjectReader.Open(i.Element, i.Path, $"fact at {i.Path}", reader.Errors) is { } r ? FactReader.Read(r) : null)
            .ToList();
        var rules = reader.Array("rules", required: true).Select(i => RuleReader.ReadChild(reader, i.Element, i.Path)).ToList();
        var cap = reader.Decimal("cap");
        var tiers = reader.Array("tiers", required: true).Select(i => Item(reader, i, "tier", ReadTier)).ToList();
        var vetoes = reader.Array("vetoes").Select(i => Item(reader, i, "veto", ReadVeto)).ToList();
        var recognitions = reader.Array("recognitions").Select(i => Item(reader, i, "recognition", ReadRecognition)).ToList();
        reader.RejectUnknownFields();
        if (id is null || version is null || labels is null)
            return null;
        return new RuleSet(id, version, labels, description, facts.OfType<FactDefinition>().ToList(), rules.OfType<Rule>().ToList(),
            cap, tiers.OfType<Tier>().ToList(), vetoes.OfType<Veto>().ToList(), recognitions.OfType<Recognition>().ToList());
    }

    private static T? Item<T>(ObjectReader parent, (JsonElement Element, string Path) item, string what, Func<ObjectReader, T?> read)
        where T : class
    {
        if (ObjectReader.Open(item.Element, item.Path, $"{what} at {item.Path}", parent.Errors) is not { } reader)
            return null;
        if (reader.String("id", required: true) is { } id)
            reader.Subject = $"{what} '{id}'";
        var result = read(reader);
        reader.RejectUnknownFields();
        return result;
    }

    private static Tier? ReadTier(ObjectReader reader) =>
        reader.String("id") is { } id ? new Tier(id, reader.ReadLabels() ?? CommonReaders.Missing, reader.Decimal("minPoints")) : null;

    private static Veto? ReadVeto(ObjectReader reader)
    {
        var id = reader.String("id");
        var labels = reader.ReadLabels() ?? CommonReaders.Missing;
        var when = reader.ReadCondition("when", required: true);
        return id is null || when is null ? null : new Veto(id, labels, when);
    }

    private static Recognition? ReadRecognition(ObjectReader reader)
    {
        var id = reader.String("id");
        var labels = reader.ReadLabels() ?? CommonReaders.Missing;
        var when = reader.ReadCondition("when", required: true);
        var tier = reader.String("tier", required: true);
        return id is null || when is null || tier is null ? null : new Recognition(id, labels, when, tier);
    }
}

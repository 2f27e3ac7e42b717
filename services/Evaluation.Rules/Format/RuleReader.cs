using System.Text.Json;
using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Format;

/// <summary>Reads one rule; the "kind" field selects the construct.</summary>
internal static class RuleReader
{
    public static Rule? Read(ObjectReader reader)
    {
        var id = reader.String("id", required: true);
        reader.Subject = id is null ? $"rule at {reader.Path}" : $"rule '{id}'";
        var kind = reader.String("kind", required: true);
        var labels = reader.ReadLabels() ?? CommonReaders.Missing;
        var when = reader.ReadCondition("when");
        Rule? rule = kind switch
        {
            "band" => ReadBand(reader, id!, labels, when),
            "lookup" => ReadLookup(reader, id!, labels, when),
            "count" => ReadCount(reader, id!, labels, when),
            "grid" => GridReader.Read(reader, id!, labels, when),
            "bonus" => ReadBonus(reader, id!, labels, when),
            "group" => ReadGroup(reader, id!, labels, when),
            "choose" => ReadChoose(reader, id!, labels, when),
            null => null,
            _ => Unknown(reader, kind),
        };
        reader.RejectUnknownFields();
        return id is null ? null : rule;
    }

    public static Rule? ReadChild(ObjectReader parent, JsonElement element, string path) =>
        ObjectReader.Open(element, path, $"rule at {path}", parent.Errors) is { } reader ? Read(reader) : null;

    public static MissingPolicy ReadMissing(this ObjectReader reader) => reader.Enum<MissingPolicy>("missing") ?? MissingPolicy.Skip;

    private static Rule? Unknown(ObjectReader reader, string kind)
    {
        reader.Error("kind", $"unknown kind \"{kind}\" (expected band, lookup, count, grid, bonus, group or choose)");
        return null;
    }

    private static BandRule ReadBand(ObjectReader reader, string id, Labels labels, Condition? when)
    {
        var missing = reader.ReadMissing();
        var fact = reader.String("fact", required: true) ?? "";
        var bands = new List<Band>();
        foreach (var (element, path) in reader.Array("bands", required: true))
        {
            if (reader.At(element, path) is not { } band)
                continue;
            var range = band.ReadRange();
            var points = band.Decimal("points", required: true) ?? 0;
            band.RejectUnknownFields();
            bands.Add(new Band(range, points));
        }
        return new BandRule(id, labels, when, missing, fact, bands);
    }

    private static LookupRule ReadLookup(ObjectReader reader, string id, Labels labels, Condition? when)
    {
        var missing = reader.ReadMissing();
        var fact = reader.String("fact", required: true) ?? "";
        var entries = new List<LookupEntry>();
        if (reader.Child("table", required: true) is { } table)
        {
            foreach (var name in TableKeys(reader, "table"))
                entries.Add(new LookupEntry(name, table.Decimal(name, required: true) ?? 0));
        }
        return new LookupRule(id, labels, when, missing, fact, entries);
    }

    private static IEnumerable<string> TableKeys(ObjectReader reader, string field) =>
        reader.Get(field) is { ValueKind: JsonValueKind.Object } table
            ? table.EnumerateObject().Select(p => p.Name).Where(n => !n.StartsWith('_')).ToList()
            : [];

    private static CountRule ReadCount(ObjectReader reader, string id, Labels labels, Condition? when) => new(
        id, labels, when, reader.ReadMissing(),
        reader.String("fact", required: true) ?? "",
        reader.Decimal("from") ?? 0,
        reader.Decimal("per") ?? 1,
        reader.Decimal("pointsEach", required: true) ?? 0,
        reader.Decimal("cap"));

    private static BonusRule ReadBonus(ObjectReader reader, string id, Labels labels, Condition? when)
    {
        if (when is null && !reader.Has("when"))
            reader.Error("when", "is required for a bonus");
        return new BonusRule(id, labels, when, reader.Decimal("points", required: true) ?? 0);
    }

    private static GroupRule ReadGroup(ObjectReader reader, string id, Labels labels, Condition? when)
    {
        var combine = reader.Enum<Combine>("combine") ?? Combine.Sum;
        var cap = reader.Decimal("cap");
        var items = reader.Array("items", required: true).Select(i => ReadChild(reader, i.Element, i.Path)).ToList();
        return new GroupRule(id, labels, when, combine, cap, items.OfType<Rule>().ToList());
    }

    private static ChooseRule ReadChoose(ObjectReader reader, string id, Labels labels, Condition? when)
    {
        var cases = new List<ChooseCase>();
        foreach (var (element, path) in reader.Array("cases", required: true))
        {
            if (reader.At(element, path) is not { } item)
                continue;
            var condition = item.ReadCondition("when", required: true);
            var rule = item.Get("rule", required: true) is { } r ? ReadChild(item, r, item.FieldPath("rule")) : null;
            item.RejectUnknownFields();
            if (condition is not null && rule is not null)
                cases.Add(new ChooseCase(condition, rule));
        }
        var otherwise = reader.Get("otherwise") is { } o ? ReadChild(reader, o, reader.FieldPath("otherwise")) : null;
        return new ChooseRule(id, labels, when, cases, otherwise);
    }
}

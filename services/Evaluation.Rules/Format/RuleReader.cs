using System.Text.Json;
using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Format;

/// <summary>Reads one rule; the "kind" field selects the construct.</summary>
internal static class RuleReader
{
    public static Rule? Read(ObjectReader reader, string id)
    {
        var kind = reader.String("kind", required: true);
        var labels = reader.ReadLabels() ?? CommonReaders.Missing;
        var when = reader.ReadCondition("when");
        var source = reader.ReadSource();
        Rule? rule = kind switch
        {
            "band" => ReadBand(reader, id, labels, when),
            "lookup" => ReadLookup(reader, id, labels, when),
            "count" => ReadCount(reader, id, labels, when),
            "grid" => GridReader.Read(reader, id, labels, when),
            "bonus" => ReadBonus(reader, id, labels, when),
            "group" => ReadGroup(reader, id, labels, when),
            "choose" => ReadChoose(reader, id, labels, when),
            null => null,
            _ => Unknown(reader, kind),
        };
        return rule is null || source is null ? rule : rule with { Source = source };
    }

    /// <summary>A rule nested in a field or array of <paramref name="parent"/> (group items, choose cases).</summary>
    private static Rule? ReadChild(ObjectReader parent, JsonElement element, string path) => parent.Named(element, path, "rule", Read);

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
        return new BandRule(id, labels, when, missing, fact, NamedTables.Bands(reader));
    }

    private static LookupRule ReadLookup(ObjectReader reader, string id, Labels labels, Condition? when)
    {
        var missing = reader.ReadMissing();
        var fact = reader.String("fact", required: true) ?? "";
        return new LookupRule(id, labels, when, missing, fact, NamedTables.Lookup(reader));
    }

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
        return new GroupRule(id, labels, when, combine, cap, reader.Named("items", "rule", Read, required: true));
    }

    private static ChooseRule ReadChoose(ObjectReader reader, string id, Labels labels, Condition? when)
    {
        var cases = reader.Objects("cases", item =>
        {
            var condition = item.ReadCondition("when", required: true);
            var rule = item.Get("rule", required: true) is { } r ? ReadChild(item, r, item.FieldPath("rule")) : null;
            return condition is null || rule is null ? null : new ChooseCase(condition, rule);
        }, required: true);
        var otherwise = reader.Get("otherwise") is { } o ? ReadChild(reader, o, reader.FieldPath("otherwise")) : null;
        return new ChooseRule(id, labels, when, cases, otherwise);
    }
}

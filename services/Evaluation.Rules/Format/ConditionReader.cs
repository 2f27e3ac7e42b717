using System.Text.Json;
using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Format;

/// <summary>
/// Reads <c>{"all"|"any": [...]}</c>, <c>{"not": {...}}</c>, <c>{"condition": "name"}</c> (a named condition) or
/// <c>{"fact": ..., one test}</c>.
/// </summary>
internal static class ConditionReader
{
    private static readonly string[] Tests = ["equals", "in", "min", "max", "present", "absent"];

    public static Condition? ReadCondition(this ObjectReader parent, string name, bool required = false) =>
        parent.Child(name, required) is { } reader ? Read(reader) : null;

    public static Condition? Read(ObjectReader reader)
    {
        Condition? condition;
        if (reader.Has("all") || reader.Has("any"))
        {
            var key = reader.Has("all") ? "all" : "any";
            var items = reader.Array(key).Select(i => reader.At(i.Element, i.Path) is { } r ? Read(r) : null).ToList();
            if (items.Count == 0)
                reader.Error(key, "needs at least one condition");
            condition = items.Any(i => i is null) ? null
                : key == "all" ? new AllCondition(items!) : new AnyCondition(items!);
        }
        else if (reader.Has("not"))
        {
            condition = reader.ReadCondition("not") is { } inner ? new NotCondition(inner) : null;
        }
        else if (reader.Has("condition"))
        {
            condition = reader.String("condition") is { } name && reader.Session.Condition(name, reader, "condition") is { } named
                ? new ConditionRef(name, named)
                : null;
        }
        else
        {
            condition = ReadTest(reader);
        }
        reader.RejectUnknownFields();
        return condition;
    }

    private static Condition? ReadTest(ObjectReader reader)
    {
        var fact = reader.String("fact", required: true);
        var tests = Tests.Where(reader.Has).ToList();
        var isRange = tests.Contains("min") || tests.Contains("max");
        if (tests.Count - (tests.Contains("min") && tests.Contains("max") ? 1 : 0) != 1)
        {
            var found = tests.Count == 0 ? "none found" : $"found {string.Join(", ", tests)}";
            reader.Error("fact", $"a condition needs exactly one test: equals, in, min/max, present or absent ({found})");
            // The tests are known fields, only too many of them: one precise error, not "unknown field" for each.
            foreach (var name in Tests.Concat(["minInclusive", "maxInclusive"]))
                reader.Skip(name);
            return null;
        }
        if (fact is null)
            return null;
        if (isRange)
            return new RangeCondition(fact, reader.ReadRange());
        if (reader.Bool("present") is { } present)
            return present ? new PresenceCondition(fact, true) : Invalid(reader, "present", "must be true (use absent)");
        if (reader.Bool("absent") is { } absent)
            return absent ? new PresenceCondition(fact, false) : Invalid(reader, "absent", "must be true (use present)");
        if (reader.Get("equals") is { } equals)
            return CommonReaders.ReadScalar(equals) is { } value ? new EqualsCondition(fact, value)
                : Invalid(reader, "equals", "expected a string, number or boolean");
        var values = reader.Array("in").Select(i => CommonReaders.ReadScalar(i.Element)).ToList();
        if (values.Count == 0 || values.Any(v => v is null))
            return Invalid(reader, "in", "expected a non-empty array of strings, numbers or booleans");
        return new InCondition(fact, values.Select(v => v!.Value).ToList());
    }

    private static Condition? Invalid(ObjectReader reader, string field, string message)
    {
        reader.Error(field, message);
        return null;
    }
}

using System.Text.Json;
using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Format;

/// <summary>
/// Reads a worked example: <c>{"name", "facts": {fact: value | {value, credentials}}, "expected": {"total", "tier", "points"}}</c>.
/// The facts are checked against the vocabulary when the examples run, where the compiled rule set knows the types.
/// </summary>
internal static class ExampleReader
{
    public static RuleSetExample? Read(ObjectReader reader, string name)
    {
        var facts = reader.Child("facts", required: true) is { } map ? ReadFacts(map) : [];
        var expected = reader.Child("expected", required: true) is { } e ? ReadExpected(e) : null;
        return expected is null ? null : new RuleSetExample(name, facts, expected);
    }

    private static List<ExampleFact> ReadFacts(ObjectReader map)
    {
        var facts = new List<ExampleFact>();
        foreach (var fact in map.FieldNames.ToList())
        {
            if (map.Get(fact) is not { } value)
                continue; // null: not provided
            IReadOnlyList<string> credentials = [];
            if (value.ValueKind == JsonValueKind.Object && map.Child(fact) is { } wrapped)
            {
                credentials = wrapped.Strings("credentials");
                var inner = wrapped.Get("value");
                wrapped.RejectUnknownFields();
                if (inner is null)
                    continue;
                value = inner.Value;
            }
            if (CommonReaders.ReadScalar(value) is { } scalar)
                facts.Add(new ExampleFact(fact, scalar, credentials));
            else
                map.Error(fact, $"expected a number, string, boolean or {{\"value\", \"credentials\"}}, found {ObjectReader.Describe(value)}");
        }
        return facts;
    }

    private static ExpectedOutcome? ReadExpected(ObjectReader expected)
    {
        var total = expected.Decimal("total", required: true);
        var checksTier = expected.FieldNames.Contains("tier");
        var tier = expected.String("tier");
        var points = new List<ExpectedPoints>();
        if (expected.Child("points") is { } map)
        {
            foreach (var rule in map.FieldNames.ToList())
            {
                if (map.Decimal(rule, required: true) is { } value)
                    points.Add(new ExpectedPoints(rule, value));
            }
        }
        expected.RejectUnknownFields();
        return total is { } t ? new ExpectedOutcome(t, checksTier, tier, points) : null;
    }
}

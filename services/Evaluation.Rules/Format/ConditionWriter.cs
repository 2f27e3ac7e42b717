using System.Text.Json;
using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Format;

internal static class ConditionWriter
{
    public static void Write(Utf8JsonWriter writer, string name, Condition? condition)
    {
        if (condition is null)
            return;
        writer.WritePropertyName(name);
        Write(writer, condition);
    }

    public static void Write(Utf8JsonWriter writer, Condition condition)
    {
        if (condition is ConditionRef named)
        {
            // Written in place: the canonical form (and so the hash) is the same whether a condition is named or not.
            Write(writer, named.Condition);
            return;
        }
        writer.WriteStartObject();
        switch (condition)
        {
            case AllCondition all: Items(writer, "all", all.Items); break;
            case AnyCondition any: Items(writer, "any", any.Items); break;
            case NotCondition not: Write(writer, "not", not.Item); break;
            case EqualsCondition equals:
                writer.WriteString("fact", equals.Fact);
                writer.WritePropertyName("equals");
                writer.Scalar(equals.Value);
                break;
            case InCondition @in:
                writer.WriteString("fact", @in.Fact);
                writer.WriteStartArray("in");
                foreach (var value in @in.Values)
                    writer.Scalar(value);
                writer.WriteEndArray();
                break;
            case RangeCondition range:
                writer.WriteString("fact", range.Fact);
                writer.RangeFields(range.Range);
                break;
            case PresenceCondition presence:
                writer.WriteString("fact", presence.Fact);
                writer.WriteBoolean(presence.Present ? "present" : "absent", true);
                break;
        }
        writer.WriteEndObject();
    }

    private static void Items(Utf8JsonWriter writer, string name, IReadOnlyList<Condition> items)
    {
        writer.WriteStartArray(name);
        foreach (var item in items)
            Write(writer, item);
        writer.WriteEndArray();
    }
}

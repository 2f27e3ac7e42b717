using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Validation;

internal static class ConditionValidator
{
    public static void Validate(ValidationContext context, string subject, string path, Condition condition)
    {
        switch (condition)
        {
            case AllCondition all: Items(context, subject, $"{path}.all", all.Items); break;
            case AnyCondition any: Items(context, subject, $"{path}.any", any.Items); break;
            case NotCondition not: Validate(context, subject, $"{path}.not", not.Item); break;
            case ConditionRef: break; // validated once, where it is defined
            case EqualsCondition equals: Value(context, subject, $"{path}.equals", equals.Fact, equals.Value); break;
            case InCondition @in:
                foreach (var value in @in.Values)
                    Value(context, subject, $"{path}.in", @in.Fact, value);
                break;
            case RangeCondition range:
                if (context.Fact(subject, $"{path}.fact", range.Fact) is { IsNumeric: false } fact)
                    context.Add(subject, $"{path}.min", $"a min/max test needs a numeric fact; '{range.Fact}' is {Describe(fact)}");
                if (RangeChecks.IsEmpty(range.Range, integer: false))
                    context.Add(subject, $"{path}.max", $"range {range.Range} contains no value");
                break;
            case PresenceCondition presence:
                context.Fact(subject, $"{path}.fact", presence.Fact);
                break;
        }
    }

    private static void Items(ValidationContext context, string subject, string path, IReadOnlyList<Condition> items)
    {
        for (var i = 0; i < items.Count; i++)
            Validate(context, subject, $"{path}[{i}]", items[i]);
    }

    /// <summary>A literal must have the fact's type, and a category literal must be one of its values.</summary>
    public static void Value(ValidationContext context, string subject, string path, string factName, Scalar value)
    {
        if (context.Fact(subject, path, factName) is not { } fact)
            return;
        var ok = fact.Type switch
        {
            FactType.Category => value.Kind == ScalarKind.Text && fact.Values.Contains(value.Text!),
            FactType.Boolean => value.Kind == ScalarKind.Boolean,
            FactType.Integer => value.Kind == ScalarKind.Number && value.Number == decimal.Truncate(value.Number),
            _ => value.Kind == ScalarKind.Number,
        };
        if (!ok)
            context.Add(subject, path, $"{Quote(value)} is not a value of fact '{factName}' ({Describe(fact)})");
    }

    public static string Describe(FactDefinition fact) => fact.Type == FactType.Category
        ? $"category of {string.Join(", ", fact.Values)}"
        : fact.Type.ToString().ToLowerInvariant();

    private static string Quote(Scalar value) => value.Kind == ScalarKind.Text ? $"'{value.Text}'" : value.ToString();
}

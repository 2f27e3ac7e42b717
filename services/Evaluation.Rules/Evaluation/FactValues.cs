using TalentMesh.Evaluation.Rules.Compilation;
using TalentMesh.Evaluation.Rules.Format;
using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Evaluation;

/// <summary>
/// Checked, name-based setters: the vocabulary decides what a valid value is. Errors read
/// <c>fact 'age' ($.age): expected an integer, got 30.5</c> (the JSON path when the facts came from a document).
/// </summary>
public static class FactValues
{
    public static FactSet Set(this FactSet facts, string name, decimal value, IReadOnlyList<string>? credentials = null) =>
        Set(facts, name, Scalar.Of(value), credentials, path: null);

    public static FactSet Set(this FactSet facts, string name, bool value, IReadOnlyList<string>? credentials = null) =>
        Set(facts, name, Scalar.Of(value), credentials, path: null);

    public static FactSet Set(this FactSet facts, string name, string value, IReadOnlyList<string>? credentials = null) =>
        Set(facts, name, Scalar.Of(value), credentials, path: null);

    /// <summary>Sets a literal of any kind; <paramref name="path"/> (a JSON path) is named in the error when there is one.</summary>
    public static FactSet Set(this FactSet facts, string name, Scalar value, IReadOnlyList<string>? credentials, string? path)
    {
        var fact = Fact(facts, name, path);
        var slotValue = value.Kind switch
        {
            ScalarKind.Number => Check(fact, value.Number, path),
            ScalarKind.Boolean when fact.Type == FactType.Boolean => value.Flag ? 1 : 0,
            ScalarKind.Text when fact.Type == FactType.Category => fact.IndexOf(value.Text!) is >= 0 and var index ? index
                : throw Error(name, path, $"\"{value.Text}\" is not one of {string.Join(", ", fact.Definition.Values)}"),
            ScalarKind.Boolean => throw Error(name, path, $"expected {Expected(fact)}, got a boolean"),
            _ => throw Error(name, path, $"expected {Expected(fact)}, got the string \"{value.Text}\""),
        };
        facts.Set(fact.Slot, slotValue, credentials);
        return facts;
    }

    private static double Check(CompiledFact fact, decimal value, string? path)
    {
        var definition = fact.Definition;
        if (!definition.IsNumeric)
            throw Error(fact.Name, path, $"expected {Expected(fact)}, got the number {value}");
        if (fact.Type == FactType.Integer && value != decimal.Truncate(value))
            throw Error(fact.Name, path, $"expected an integer, got {value}");
        if (value < definition.Min || value > definition.Max)
            throw Error(fact.Name, path, $"{value} is outside the declared range [{definition.Min?.ToString() ?? "-∞"}, {definition.Max?.ToString() ?? "+∞"}]");
        return Num.ToDouble(value);
    }

    private static string Expected(CompiledFact fact) => fact.Type switch
    {
        FactType.Category => $"one of {string.Join(", ", fact.Definition.Values)}",
        FactType.Boolean => "true or false",
        FactType.Integer => "an integer",
        _ => "a number",
    };

    /// <summary>The declared input fact of that name; an undeclared or derived name is an error.</summary>
    internal static CompiledFact Fact(FactSet facts, string name, string? path = null)
    {
        var fact = facts.RuleSet.Fact(name) ?? throw Error(name, path, $"is not declared by rule set '{facts.RuleSet.Source.Id}'");
        if (fact.Definition.Derived is { } derived)
            throw Error(name, path, $"is derived ({WriterExtensions.Camel(derived.Kind.ToString())} of {string.Join(", ", derived.Of)}) and cannot be given; give its inputs");
        return fact;
    }

    internal static FactsException Error(string name, string? path, string message) =>
        new([$"fact '{name}'{(path is null ? "" : $" ({path})")}{(message.StartsWith("is ", StringComparison.Ordinal) ? " " : ": ")}{message}"]);
}

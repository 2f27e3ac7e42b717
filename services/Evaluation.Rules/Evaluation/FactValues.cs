using TalentMesh.Evaluation.Rules.Compilation;
using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Evaluation;

/// <summary>Checked, name-based setters: the vocabulary decides what a valid value is.</summary>
public static class FactValues
{
    public static FactSet Set(this FactSet facts, string name, decimal value, IReadOnlyList<string>? credentials = null)
    {
        var fact = Fact(facts, name);
        return Apply(facts, fact, Check(fact, value), credentials);
    }

    public static FactSet Set(this FactSet facts, string name, bool value, IReadOnlyList<string>? credentials = null)
    {
        var fact = Fact(facts, name);
        if (fact.Type != FactType.Boolean)
            throw Error($"fact '{name}': expected {Expected(fact)}, got a boolean");
        return Apply(facts, fact, value ? 1 : 0, credentials);
    }

    public static FactSet Set(this FactSet facts, string name, string value, IReadOnlyList<string>? credentials = null)
    {
        var fact = Fact(facts, name);
        if (fact.Type != FactType.Category)
            throw Error($"fact '{name}': expected {Expected(fact)}, got the string \"{value}\"");
        var index = fact.IndexOf(value);
        if (index < 0)
            throw Error($"fact '{name}': \"{value}\" is not one of {string.Join(", ", fact.Definition.Values)}");
        return Apply(facts, fact, index, credentials);
    }

    private static double Check(CompiledFact fact, decimal value)
    {
        var definition = fact.Definition;
        if (!definition.IsNumeric)
            throw Error($"fact '{fact.Name}': expected {Expected(fact)}, got the number {value}");
        if (fact.Type == FactType.Integer && value != decimal.Truncate(value))
            throw Error($"fact '{fact.Name}': expected an integer, got {value}");
        if (value < definition.Min || value > definition.Max)
            throw Error($"fact '{fact.Name}': {value} is outside the declared range [{definition.Min?.ToString() ?? "-∞"}, {definition.Max?.ToString() ?? "+∞"}]");
        return Num.ToDouble(value);
    }

    private static string Expected(CompiledFact fact) => fact.Type switch
    {
        FactType.Category => $"one of {string.Join(", ", fact.Definition.Values)}",
        FactType.Boolean => "true or false",
        FactType.Integer => "an integer",
        _ => "a number",
    };

    /// <summary>The declared fact of that name; an undeclared name is an error.</summary>
    internal static CompiledFact Fact(FactSet facts, string name) =>
        facts.RuleSet.Fact(name) ?? throw Error($"fact '{name}' is not declared by rule set '{facts.RuleSet.Source.Id}'");

    private static FactSet Apply(FactSet facts, CompiledFact fact, double value, IReadOnlyList<string>? credentials)
    {
        facts.Set(fact.Slot, value, credentials);
        return facts;
    }

    private static FactsException Error(string message) => new([message]);
}

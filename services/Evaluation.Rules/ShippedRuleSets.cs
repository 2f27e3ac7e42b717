using TalentMesh.Evaluation.Rules.Compilation;

namespace TalentMesh.Evaluation.Rules;

/// <summary>The rule sets that ship inside this assembly (also copied next to it as RuleSets/*.json).</summary>
public static class ShippedRuleSets
{
    public const string HighTechZone = "high-tech-zone";
    public const string SkilledMigration = "skilled-migration";

    public static IReadOnlyList<string> Names { get; } = [HighTechZone, SkilledMigration];

    public static string Json(string name)
    {
        var resource = $"TalentMesh.Evaluation.Rules.RuleSets.{name}.json";
        using var stream = typeof(ShippedRuleSets).Assembly.GetManifestResourceStream(resource)
            ?? throw new ArgumentException($"no shipped rule set '{name}' (shipped: {string.Join(", ", Names)})", nameof(name));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static CompiledRuleSet Compile(string name) => RuleSetLoader.Compile(Json(name));
}

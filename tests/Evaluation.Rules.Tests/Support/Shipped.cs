using TalentMesh.Evaluation.Rules.Compilation;

namespace TalentMesh.Evaluation.Rules.Tests.Support;

/// <summary>Compiles each shipped rule set once for the whole test run.</summary>
internal static class Shipped
{
    private static readonly Lazy<CompiledRuleSet> highTechZone = new(() => ShippedRuleSets.Compile(ShippedRuleSets.HighTechZone));
    private static readonly Lazy<CompiledRuleSet> skilledMigration = new(() => ShippedRuleSets.Compile(ShippedRuleSets.SkilledMigration));

    public static CompiledRuleSet HighTechZone => highTechZone.Value;

    public static CompiledRuleSet SkilledMigration => skilledMigration.Value;

    public static CompiledRuleSet Get(string name) => name == ShippedRuleSets.HighTechZone ? HighTechZone : SkilledMigration;

    public static string TestFile(params string[] parts) => Path.Combine([AppContext.BaseDirectory, .. parts]);
}

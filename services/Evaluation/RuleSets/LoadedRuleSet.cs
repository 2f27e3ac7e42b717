using TalentMesh.Evaluation.Rules.Compilation;

namespace TalentMesh.Evaluation.RuleSets;

/// <summary>A compiled rule set and its content hash ("sha256:&lt;hex&gt;"), the id every evaluation records.</summary>
public sealed record LoadedRuleSet(string Hash, CompiledRuleSet Compiled)
{
    public string Id => Compiled.Source.Id;

    public string Version => Compiled.Source.Version;

    public static string HashOf(CompiledRuleSet compiled) => "sha256:" + compiled.ContentHash;
}

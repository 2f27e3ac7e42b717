using TalentMesh.Evaluation.Rules.Model;
using TalentMesh.Evaluation.Rules.Validation;

namespace TalentMesh.Evaluation.Rules.Compilation;

public static class RuleSetCompiler
{
    /// <summary>Validates, binds every fact to a slot and builds the evaluator; throws on an invalid rule set.</summary>
    public static CompiledRuleSet Compile(RuleSet ruleSet)
    {
        var errors = RuleSetValidator.Validate(ruleSet);
        return errors.Count == 0 ? CompileValid(ruleSet) : throw new RuleSetException(errors);
    }

    /// <summary>Builds the evaluator for a rule set that has already passed <see cref="RuleSetValidator"/>.</summary>
    internal static CompiledRuleSet CompileValid(RuleSet ruleSet)
    {
        var facts = FactsVocabulary.Expand(ruleSet.Facts).Values
            .Select((definition, slot) => new CompiledFact(slot, definition)).ToList();
        var byName = facts.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var builder = new TreeBuilder(byName);
        var root = new GroupRule(RuleSet.RootId, ruleSet.Labels, null, Combine.Sum, ruleSet.Cap, ruleSet.Rules);
        builder.Number(root, 0, -1, [], null);
        // A leaf at depth d keeps d + 1 stage values: its own, then one per enclosing node up to the root.
        var stageTop = new int[builder.LeafDepths.Count];
        var offset = 0;
        for (var leaf = 0; leaf < stageTop.Length; leaf++)
        {
            stageTop[leaf] = offset + builder.LeafDepths[leaf];
            offset += builder.LeafDepths[leaf] + 1;
        }
        var rootNode = builder.Build(stageTop);
        var tiers = new TierTable(ruleSet, byName);
        return new CompiledRuleSet(ruleSet, facts, byName, builder.Infos, rootNode, stageTop, offset, tiers, new DerivedFacts(facts, byName));
    }
}

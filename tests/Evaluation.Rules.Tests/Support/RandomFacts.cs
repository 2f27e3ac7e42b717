using TalentMesh.Evaluation.Rules.Compilation;
using TalentMesh.Evaluation.Rules.Evaluation;
using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Tests.Support;

/// <summary>Random facts within each fact's declared domain; about a third are not provided.</summary>
internal static class RandomFacts
{
    public static FactSet Create(CompiledRuleSet ruleSet, Random random)
    {
        var facts = ruleSet.CreateFactSet();
        foreach (var fact in ruleSet.Facts)
        {
            if (random.Next(3) == 0)
                continue;
            var definition = fact.Definition;
            var (min, max) = ((double)(definition.Min ?? 0), (double)(definition.Max ?? 1000));
            double value = fact.Type switch
            {
                FactType.Boolean => random.Next(2),
                FactType.Category => random.Next(definition.Values.Count),
                FactType.Integer => random.Next((int)min, (int)max + 1),
                _ => Math.Round(min + (random.NextDouble() * (max - min)), 2),
            };
            facts.Set(fact.Slot, value, random.Next(4) == 0 ? [$"cred-{random.Next(100)}"] : null);
        }
        return facts;
    }
}

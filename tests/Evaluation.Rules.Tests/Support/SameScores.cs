using TalentMesh.Evaluation.Rules.Compilation;
using TalentMesh.Evaluation.Rules.Output;

namespace TalentMesh.Evaluation.Rules.Tests.Support;

/// <summary>
/// Two compiled rule sets score random applicants identically. Round-trip checks that compare the writer's output
/// with itself miss a field the writer leaves out; scoring the copy like the original does not.
/// </summary>
internal static class SameScores
{
    public static void Check(CompiledRuleSet original, CompiledRuleSet copy, Random random, int applicants)
    {
        for (var k = 0; k < applicants; k++)
        {
            var facts = RandomFacts.Create(original, random);
            var copyFacts = copy.CreateFactSet();
            foreach (var fact in original.Facts)
            {
                if (facts.IsPresent(fact.Slot))
                    copyFacts.Set(fact.Slot, facts.Get(fact.Slot), facts.CredentialsOf(fact.Slot));
            }
            Assert.Equal(ResultJson.Write(original.Evaluate(facts)), ResultJson.Write(copy.Evaluate(copyFacts)));
        }
    }
}

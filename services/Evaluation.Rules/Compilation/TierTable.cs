using TalentMesh.Evaluation.Rules.Evaluation;
using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Compilation;

/// <summary>Thresholds, vetoes and direct recognitions. Tier index 0 is the best tier; -1 is "no tier".</summary>
internal sealed class TierTable
{
    private const long NoThreshold = long.MaxValue;
    private readonly long[] thresholds;
    private readonly ConditionCheck[] vetoes;
    private readonly ConditionCheck[] recognitions;
    private readonly int[] recognitionTiers;

    public TierTable(RuleSet ruleSet, IReadOnlyDictionary<string, CompiledFact> facts)
    {
        thresholds = ruleSet.Tiers.Select(t => t.MinPoints is { } m ? Num.Milli(m) : NoThreshold).ToArray();
        vetoes = ruleSet.Vetoes.Select(v => ConditionCompiler.Compile(v.When, facts)).ToArray();
        recognitions = ruleSet.Recognitions.Select(r => ConditionCompiler.Compile(r.When, facts)).ToArray();
        var tierIds = ruleSet.Tiers.Select(t => t.Id).ToList();
        recognitionTiers = ruleSet.Recognitions.Select(r => tierIds.IndexOf(r.Tier)).ToArray();
    }

    public void Assign(FactSet facts, EvaluationResult result)
    {
        for (var i = 0; i < thresholds.Length; i++)
        {
            if (thresholds[i] != NoThreshold && result.TotalMilli >= thresholds[i])
            {
                result.PointsTierIndex = i;
                break;
            }
        }
        for (var i = 0; i < recognitions.Length; i++)
        {
            if (!recognitions[i].Evaluate(facts))
                continue;
            result.RecognitionFired[i] = true;
            if (result.RecognitionTierIndex < 0 || recognitionTiers[i] < result.RecognitionTierIndex)
                result.RecognitionTierIndex = recognitionTiers[i];
        }
        var vetoed = false;
        for (var i = 0; i < vetoes.Length; i++)
            vetoed |= result.VetoFired[i] = vetoes[i].Evaluate(facts);
        var best = result.PointsTierIndex < 0 ? result.RecognitionTierIndex
            : result.RecognitionTierIndex < 0 ? result.PointsTierIndex
            : Math.Min(result.PointsTierIndex, result.RecognitionTierIndex);
        result.TierIndex = vetoed || result.MissingNode >= 0 ? -1 : best;
    }
}

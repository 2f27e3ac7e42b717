using TalentMesh.Evaluation.Rules.Compilation;
using TalentMesh.Evaluation.Rules.Evaluation;
using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Explanation;

/// <summary>
/// "What would raise my score": tries each declared fact's candidate values one at a time and keeps, per fact,
/// the smallest change (nearest number, or the category/boolean giving the smallest gain) that reaches the next tier.
/// </summary>
public static class Explainer
{
    public static Explanation Explain(CompiledRuleSet ruleSet, FactSet facts)
    {
        var baseline = ruleSet.Evaluate(facts);
        var next = baseline.NextTier;
        var suggestions = new List<Suggestion>();
        if (next is not null)
        {
            var target = baseline.NextTierIndex;
            var scratch = ruleSet.CreateFactSet();
            var trial = ruleSet.CreateResult();
            foreach (var fact in ruleSet.Facts.Where(f => f.Definition.Explain != ExplainDirection.None))
            {
                if (Best(ruleSet, facts, fact, target, scratch, trial, baseline.Total) is { } suggestion)
                    suggestions.Add(suggestion);
            }
        }
        return new Explanation(baseline.Total, baseline.Tier?.Id, next?.Id, baseline.GapToNextTier, baseline.IsVetoed,
            suggestions.OrderBy(s => s.Gain).ToList(), baseline.NotProvided.Select(n => n.Id).ToList());
    }

    private static Suggestion? Best(CompiledRuleSet ruleSet, FactSet facts, CompiledFact fact, int target, FactSet scratch,
        EvaluationResult trial, decimal baseTotal)
    {
        var present = facts.IsPresent(fact.Slot);
        var current = facts.Get(fact.Slot);
        var origin = present ? current : (double)(fact.Definition.Min ?? 0);
        (double Value, double Distance, decimal Total, string? Tier)? best = null;
        // Every candidate overwrites the same slot, so one copy of the applicant serves them all.
        scratch.CopyFrom(facts);
        foreach (var candidate in CandidateValues.For(ruleSet, fact))
        {
            if ((present && candidate == current) || !Allowed(fact.Definition.Explain, present, current, candidate))
                continue;
            scratch.Set(fact.Slot, candidate, facts.CredentialsOf(fact.Slot));
            ruleSet.Evaluate(scratch, trial);
            if (trial.TierIndex < 0 || trial.TierIndex > target)
                continue;
            var distance = fact.Definition.IsNumeric ? Math.Abs(candidate - origin) : (double)trial.Total;
            if (best is null || distance < best.Value.Distance)
                best = (candidate, distance, trial.Total, trial.Tier?.Id);
        }
        return best is { } b
            ? new Suggestion(fact.Name, present ? fact.Display(current) : null, fact.Display(b.Value), b.Total, b.Tier, b.Total - baseTotal)
            : null;
    }

    private static bool Allowed(ExplainDirection direction, bool present, double current, double candidate) => direction switch
    {
        ExplainDirection.Increase => !present || candidate > current,
        ExplainDirection.Decrease => present && candidate < current,
        _ => true,
    };
}

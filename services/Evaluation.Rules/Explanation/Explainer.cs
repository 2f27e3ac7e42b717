using TalentMesh.Evaluation.Rules.Compilation;
using TalentMesh.Evaluation.Rules.Evaluation;
using TalentMesh.Evaluation.Rules.Model;

namespace TalentMesh.Evaluation.Rules.Explanation;

/// <summary>
/// "What would raise my score": tries each declared input fact's candidate values one at a time and keeps, per
/// fact, the smallest change (nearest number, or the category/boolean giving the smallest gain) that reaches the
/// goal: the next tier, or a total of at least a given target score.
/// </summary>
public static class Explainer
{
    public static Explanation Explain(CompiledRuleSet ruleSet, FactSet facts) => Explain(ruleSet, facts, target: null);

    /// <summary>With a <paramref name="target"/>, suggestions reach a total of at least it (and are not vetoed) instead of the next tier.</summary>
    public static Explanation Explain(CompiledRuleSet ruleSet, FactSet facts, decimal? target)
    {
        var baseline = ruleSet.Evaluate(facts);
        var next = target is null ? baseline.NextTier : null;
        var goal = target is { } t ? new Goal(-1, Num.Milli(t)) : next is not null ? new Goal(baseline.NextTierIndex, 0) : null;
        var suggestions = new List<Suggestion>();
        if (goal is not null && !(target is { } reached && baseline.Total >= reached && !baseline.IsVetoed))
        {
            var scratch = ruleSet.CreateFactSet();
            var trial = ruleSet.CreateResult();
            foreach (var fact in ruleSet.Facts.Where(f => f.Definition.Explain != ExplainDirection.None && f.Definition.Derived is null))
            {
                if (Best(ruleSet, facts, fact, goal, scratch, trial, baseline.Total) is { } suggestion)
                    suggestions.Add(suggestion);
            }
        }
        var gap = target is { } aim ? Math.Max(0, aim - baseline.Total) : baseline.GapToNextTier;
        return new Explanation(baseline.Total, baseline.Tier?.Id, next?.Id, gap, baseline.IsVetoed,
            suggestions.OrderBy(s => s.Gain).ToList(), baseline.NotProvidedFacts)
        {
            Target = target,
            Result = baseline,
        };
    }

    /// <summary>Reached when the tier index is at most <paramref name="TierIndex"/>, or (TierIndex −1) the total is at least <paramref name="TotalMilli"/> without a veto.</summary>
    private sealed record Goal(int TierIndex, long TotalMilli)
    {
        public bool ReachedBy(EvaluationResult result) => TierIndex >= 0
            ? result.TierIndex >= 0 && result.TierIndex <= TierIndex
            : result.TotalMilli >= TotalMilli && !result.IsVetoed;
    }

    private static Suggestion? Best(CompiledRuleSet ruleSet, FactSet facts, CompiledFact fact, Goal goal, FactSet scratch,
        EvaluationResult trial, decimal baseTotal)
    {
        var present = facts.IsPresent(fact.Slot);
        var current = facts.Get(fact.Slot);
        var origin = present ? current : (double)(fact.Definition.Min ?? 0);
        (double Value, double Distance, decimal Total, string? Tier)? best = null;
        // Every candidate overwrites the same slot, so one copy of the applicant serves them all.
        scratch.CopyFrom(facts);
        foreach (var candidate in CandidateValues.For(ruleSet, fact, facts))
        {
            if ((present && candidate == current) || !Allowed(fact.Definition.Explain, present, current, candidate))
                continue;
            scratch.Set(fact.Slot, candidate, facts.CredentialsOf(fact.Slot));
            ruleSet.Evaluate(scratch, trial);
            if (!goal.ReachedBy(trial))
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

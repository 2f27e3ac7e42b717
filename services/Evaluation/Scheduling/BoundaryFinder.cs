using TalentMesh.Evaluation.Facts;
using TalentMesh.Evaluation.RuleSets;
using TalentMesh.Evaluation.Scores;
using EvaluationRecord = TalentMesh.Contracts.Evaluation.V1.Evaluation;

namespace TalentMesh.Evaluation.Scheduling;

/// <summary>
/// When must this talent be evaluated again although nothing is reported about them? The first day on which a
/// time-moving fact takes a value that changes the result (points, tier or veto), or the end of the certification,
/// whichever is first. Only the days on which a fact moves are tried, up to a horizon; null when nothing is due.
/// </summary>
public static class BoundaryFinder
{
    public static DateTimeOffset? Next(LoadedRuleSet ruleSet, TalentFacts talent, EvaluationRecord current,
        Func<DateOnly, DateTimeOffset> startOfDay, DateOnly today, int horizonYears)
    {
        var certificationEnd = current.CertificationValidUntil?.ToDateTimeOffset();
        var horizon = today.AddYears(horizonYears);
        var days = new SortedSet<DateOnly>();
        foreach (var (anchor, step) in FactDerivation.TimeAnchors(talent))
        {
            for (var k = Math.Max(1, FactDerivation.FullMonths(anchor, today) / step); ; k++)
            {
                var day = anchor.AddMonths(k * step);
                if (day > horizon)
                    break;
                if (day > today)
                    days.Add(day);
            }
        }
        if (days.Count == 0)
            return certificationEnd;
        // Only the time-moving facts differ from day to day: derive the rest once and rewrite just their slots.
        var compiled = ruleSet.Compiled;
        var facts = EngineFacts.ToFactSet(compiled, FactDerivation.Derive(talent, today));
        var result = compiled.CreateResult();
        foreach (var day in days)
        {
            var at = startOfDay(day);
            if (certificationEnd is { } end && at >= end)
                break;
            foreach (var moving in FactDerivation.TimeMoving(talent, day))
                EngineFacts.Overwrite(facts, moving);
            compiled.Evaluate(facts, result);
            if ((double)result.Total != current.TotalPoints || TierMapping.TierOf(result) != current.Tier || result.IsVetoed != current.Vetoed)
                return at;
        }
        // A lapsed certification is due at once: the next evaluation renews it (or finds the tier gone).
        return certificationEnd;
    }
}

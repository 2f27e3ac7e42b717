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
        foreach (var day in days)
        {
            var at = startOfDay(day);
            if (certificationEnd is { } end && at >= end)
                break;
            var result = EvaluationCalculator.Evaluate(ruleSet, FactDerivation.Derive(talent, day));
            if ((double)result.Total != current.TotalPoints || TierMapping.TierOf(result) != current.Tier || result.IsVetoed != current.Vetoed)
                return at;
        }
        // A lapsed certification is due at once: the next evaluation renews it (or finds the tier gone).
        return certificationEnd;
    }
}

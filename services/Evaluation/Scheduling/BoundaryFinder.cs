using TalentMesh.Evaluation.Facts;
using TalentMesh.Evaluation.RuleSets;
using TalentMesh.Evaluation.Scores;
using EvaluationRecord = TalentMesh.Contracts.Evaluation.V1.Evaluation;

namespace TalentMesh.Evaluation.Scheduling;

/// <summary>
/// When must this talent be evaluated again although nothing is reported about them? The first day on which a
/// time-moving fact takes a value that changes the result (points, tier or veto), or the end of the certification,
/// whichever is first. Only the days on which a fact the rule set declares moves are tried, up to a horizon; null when
/// nothing is due.
/// </summary>
/// <remarks>
/// It runs after every evaluation (events, rollouts, the scheduler), so it is written for the hot path: the time
/// sources are found once, the other facts are derived once (or taken from the caller) and only the moving slots of
/// one fact set are rewritten per day, evaluated into one reused result.
/// </remarks>
public static class BoundaryFinder
{
    public static DateTimeOffset? Next(LoadedRuleSet ruleSet, TalentFacts talent, EvaluationRecord current,
        Func<DateOnly, DateTimeOffset> startOfDay, DateOnly today, int horizonYears, IReadOnlyList<NamedFact>? derivedToday = null)
    {
        var certificationEnd = current.CertificationValidUntil?.ToDateTimeOffset();
        var compiled = ruleSet.Compiled;
        var sources = TimeSources.Of(talent);
        var horizon = today.AddYears(horizonYears);
        var days = new List<DateOnly>();
        foreach (var (fact, anchor, step) in sources.Anchors())
        {
            // A fact the rule set does not declare cannot change its result.
            if (compiled.Fact(fact) is null)
                continue;
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
        days.Sort();
        var facts = EngineFacts.ToFactSet(compiled, derivedToday ?? FactDerivation.Derive(talent, today));
        var result = compiled.CreateResult();
        var previous = DateOnly.MinValue;
        foreach (var day in days)
        {
            if (day == previous)
                continue;
            previous = day;
            var at = startOfDay(day);
            if (certificationEnd is { } end && at >= end)
                break;
            foreach (var moving in FactDerivation.TimeMoving(sources, day))
                EngineFacts.Overwrite(facts, moving);
            compiled.Evaluate(facts, result);
            if ((double)result.Total != current.TotalPoints || TierMapping.TierOf(result) != current.Tier || result.IsVetoed != current.Vetoed)
                return at;
        }
        // A lapsed certification is due at once: the next evaluation renews it (or finds the tier gone).
        return certificationEnd;
    }
}

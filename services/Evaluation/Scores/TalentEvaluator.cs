using Microsoft.Extensions.Options;
using TalentMesh.Contracts.Events.V1;
using TalentMesh.EventBus.Outbox;
using TalentMesh.Evaluation.Facts;
using TalentMesh.Evaluation.Hosting;
using TalentMesh.Evaluation.Reevaluation;
using TalentMesh.Evaluation.RuleSets;
using TalentMesh.Evaluation.Scheduling;
using EvaluationRecord = TalentMesh.Contracts.Evaluation.V1.Evaluation;

namespace TalentMesh.Evaluation.Scores;

/// <summary>
/// Puts one talent's evaluation into a unit of work: the stored evaluation and its history entry, the next time
/// boundary, the rollout counters, and talent.evaluated when the result changed. The caller commits (with its inbox
/// marker or its own conditions), so all of it happens once or not at all.
/// </summary>
public sealed class TalentEvaluator(RuleSetStore ruleSets, ScoreStore scores, ScheduleStore schedule, RolloutStore rollouts,
    IOptions<EvaluationOptions> options, TimeProvider time)
{
    public EvaluationOutcome? Stage(EventUnitOfWork unit, LoadedRuleSet active, TalentFacts facts, EvaluationRecord? previous, EvaluationTrigger trigger)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var today = settings.LocalDate(now);
        var derived = FactDerivation.Derive(facts, today);
        var outcome = EvaluationCalculator.Next(active, derived, previous, trigger, now, settings.CertificationMonths);
        var current = outcome?.Record ?? previous;
        if (current is not null)
            schedule.Stage(unit, facts.TalentId, BoundaryFinder.Next(active, facts, current, settings.StartOf, today, settings.BoundaryHorizonYears, derived));
        if (outcome is null)
            return null;
        ruleSets.StageActiveUnchanged(unit, active.Hash);
        scores.Stage(unit, previous, outcome.Record, facts.TalentId);
        if (previous is not null && previous.RuleSetHash != active.Hash)
            rollouts.StageDone(unit, active.Hash, outcome.Changed);
        if (outcome.Changed)
            unit.Publish(TalentEvaluatedEvent.From(facts.TalentId, outcome, active));
        return outcome;
    }
}

using TalentMesh.Contracts.Events.V1;
using TalentMesh.EventBus.Handling;
using TalentMesh.EventBus.Outbox;
using TalentMesh.Evaluation.Facts;
using TalentMesh.Evaluation.RuleSets;
using TalentMesh.ServiceDefaults.Redis;
using EvaluationRecord = TalentMesh.Contracts.Evaluation.V1.Evaluation;

namespace TalentMesh.Evaluation.Scores;

/// <summary>
/// Read, decide, commit, and on a lost optimistic race read again: the one loop behind every re-evaluation, whether
/// an event changed the facts, a rule set took effect or the clock crossed a boundary.
/// </summary>
public sealed class TalentReevaluation(RedisReader reader, FactsStore facts, ScoreStore scores, RuleSetStore ruleSets, TalentEvaluator evaluator,
    EventUnitOfWorkFactory units)
{
    private const int Attempts = 8;

    /// <summary>Applies an event's change to the facts and re-evaluates, in the event's inbox-guarded unit of work.</summary>
    public async Task ApplyAsync(string talentId, Func<TalentFacts, TalentFacts?> change, EvaluationTrigger trigger, EventContext context)
    {
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var (loaded, previous, active) = await ReadAsync(talentId);
            var unit = context.BeginUnitOfWork();
            // An older or repeated decision changes nothing, but the event is still recorded as handled.
            if (change(loaded.Facts) is { } next)
            {
                facts.Stage(unit, loaded, next);
                evaluator.Stage(unit, active, next, previous, trigger);
            }
            if (await unit.CommitAsync() != CommitOutcome.Conflict)
                return;
        }
        throw new ConcurrencyConflictException($"talent {talentId} kept changing while an event was applied");
    }

    /// <summary>
    /// Re-evaluates one talent under the active rule set if <paramref name="needed"/> says so for their current
    /// evaluation. Returns the outcome (null when nothing needed doing).
    /// </summary>
    /// <param name="firstRead">What the caller already read for the first attempt (a rollout reads a page of talents at
    /// a time, and the rule set it rolls out); a later attempt, after a lost race, reads again.</param>
    public async Task<EvaluationOutcome?> ReevaluateAsync(string talentId, EvaluationTrigger trigger, Func<EvaluationRecord?, LoadedRuleSet, bool> needed,
        Starting? firstRead = null)
    {
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var (loaded, previous, active) = attempt == 1 && firstRead is { } read ? read : await ReadAsync(talentId);
            if (loaded.Version == 0 || !needed(previous, active))
                return null;
            var unit = units.Begin();
            // The facts must still be the ones evaluated: an event landing meanwhile makes this attempt a conflict.
            facts.StageUnchanged(unit, loaded);
            var outcome = evaluator.Stage(unit, active, loaded.Facts, previous, trigger);
            if (await unit.CommitAsync() != CommitOutcome.Conflict)
                return outcome;
        }
        throw new ConcurrencyConflictException($"talent {talentId} kept changing while being re-evaluated");
    }

    /// <summary>
    /// What a re-evaluation starts from: the facts, the current evaluation and the active rule set. The three reads are
    /// independent: issued together, in one pass through the resilience pipeline (one round trip's wait instead of
    /// three); the active rule set itself comes from memory once compiled.
    /// </summary>
    private async Task<Starting> ReadAsync(string talentId)
    {
        var (loaded, previous, activeHash) = await reader.ReadAsync(async db =>
        {
            var factsRead = facts.ReadAsync(db, talentId);
            var scoreRead = scores.ReadCurrentAsync(db, talentId);
            var activeRead = ruleSets.ReadActiveHashAsync(db);
            return (await factsRead, await scoreRead, await activeRead);
        }, CancellationToken.None);
        return new Starting(loaded, previous, await ruleSets.ActiveOfAsync(activeHash));
    }

    /// <summary>What a re-evaluation starts from: the facts, the current evaluation (none yet: null) and the active rule set.</summary>
    public sealed record Starting(VersionedFacts Facts, EvaluationRecord? Previous, LoadedRuleSet Active);
}

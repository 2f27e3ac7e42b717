using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Events.V1;
using TalentMesh.Evaluation.Facts;
using TalentMesh.Evaluation.RuleSets;
using TalentMesh.Evaluation.Rules.Evaluation;
using EvaluationRecord = TalentMesh.Contracts.Evaluation.V1.Evaluation;

namespace TalentMesh.Evaluation.Scores;

/// <summary>One evaluation as it will be stored, the engine's result behind it, and whether the result changed.</summary>
public sealed record EvaluationOutcome(EvaluationRecord Record, EvaluationResult Result, bool Changed);

/// <summary>
/// The decision, free of Redis: evaluate the facts under a rule set and compare with the previous evaluation.
/// A tier's certification runs <c>certificationMonths</c> from the evaluation that granted it and is renewed by
/// the first evaluation after it lapsed (while the facts still qualify).
/// </summary>
public static class EvaluationCalculator
{
    public static EvaluationResult Evaluate(LoadedRuleSet ruleSet, IEnumerable<NamedFact> facts) =>
        ruleSet.Compiled.Evaluate(EngineFacts.ToFactSet(ruleSet.Compiled, facts));

    /// <summary>Null when nothing would differ from <paramref name="previous"/> (same facts, same rule set, certification still running).</summary>
    public static EvaluationOutcome? Next(LoadedRuleSet ruleSet, IReadOnlyList<NamedFact> facts, EvaluationRecord? previous,
        EvaluationTrigger trigger, DateTimeOffset now, int certificationMonths)
    {
        var snapshot = EngineFacts.Snapshot(facts).ToList();
        var certificationRunning = previous?.CertificationValidUntil is not { } until || until.ToDateTimeOffset() > now;
        if (previous is not null && previous.RuleSetHash == ruleSet.Hash && certificationRunning && previous.Facts.SequenceEqual(snapshot))
            return null;

        var result = Evaluate(ruleSet, facts);
        var tier = TierMapping.TierOf(result);
        var record = new EvaluationRecord
        {
            EvaluationSequence = (previous?.EvaluationSequence ?? 0) + 1,
            RuleSetId = ruleSet.Id,
            RuleSetHash = ruleSet.Hash,
            TotalPoints = (double)result.Total,
            Tier = tier,
            PreviousTier = previous?.Tier ?? Tier.Unspecified,
            Vetoed = result.IsVetoed,
            Trigger = trigger,
            EvaluatedAt = EngineFacts.Timestamp(now),
            Facts = { snapshot },
        };
        if (tier is not (Tier.None or Tier.Unspecified))
        {
            var keep = previous is { CertificationValidUntil: { } running } && previous.Tier == tier && running.ToDateTimeOffset() > now;
            record.CertificationValidUntil = keep ? previous!.CertificationValidUntil : EngineFacts.Timestamp(now.AddMonths(certificationMonths));
        }
        // A first evaluation that reaches no tier tells the consumers nothing they can act on: they read a talent they
        // have not heard of as holding no tier, and no policy is open to that. Not publishing it spares every
        // registration a talent.evaluated and a handler run in Registration and in Redemption (docs/evaluation.md).
        record.Published = previous is null
            ? record.Tier != Tier.None
            : previous.TotalPoints != record.TotalPoints
                || previous.Tier != record.Tier
                || previous.Vetoed != record.Vetoed
                || !Equals(previous.CertificationValidUntil, record.CertificationValidUntil);
        return new EvaluationOutcome(record, result, record.Published);
    }

    /// <summary>Evaluates a stored evaluation again: the same facts under the same rule set give the same result.</summary>
    public static EvaluationResult Replay(LoadedRuleSet ruleSet, EvaluationRecord stored) =>
        Evaluate(ruleSet, EngineFacts.FromSnapshot(stored.Facts));
}

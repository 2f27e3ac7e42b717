using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Events.V1;
using TalentMesh.Evaluation.RuleSets;

namespace TalentMesh.Evaluation.Scores;

/// <summary>The integration event for an evaluation whose result changed.</summary>
public static class TalentEvaluatedEvent
{
    public static TalentEvaluated From(string talentId, EvaluationOutcome outcome, LoadedRuleSet ruleSet)
    {
        var record = outcome.Record;
        var pointsTier = TierMapping.PointsTierOf(outcome.Result);
        var evaluated = new TalentEvaluated
        {
            TalentId = talentId,
            EvaluationSequence = record.EvaluationSequence,
            RuleSetId = ruleSet.Id,
            RuleSetVersion = ruleSet.Version,
            RuleSetHash = ruleSet.Hash,
            TotalPoints = record.TotalPoints,
            Tier = record.Tier,
            PreviousTier = record.PreviousTier,
            TierChanged = record.Tier != record.PreviousTier,
            // Recognition decided the tier when it is better (a lower enum number) than the points alone reach.
            DirectRecognition = !record.Vetoed && record.Tier != Tier.None && (pointsTier == Tier.None || record.Tier < pointsTier),
            Vetoed = record.Vetoed,
            Facts = EngineFacts.Summary(record.Facts),
            Trigger = record.Trigger,
            OccurredAt = record.EvaluatedAt,
        };
        if (record.CertificationValidUntil is { } until)
            evaluated.CertificationValidUntil = until;
        return evaluated;
    }
}

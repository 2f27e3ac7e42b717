using TalentMesh.Contracts.Evaluation.V1;
using TalentMesh.Evaluation.RuleSets;
using TalentMesh.Evaluation.Rules.Evaluation;
using TalentMesh.Evaluation.Rules.Explanation;
using EvaluationRecord = TalentMesh.Contracts.Evaluation.V1.Evaluation;

namespace TalentMesh.Evaluation.Scores;

/// <summary>The engine's result as the API shows it: every counted rule with raw points, the clipping cap and the credentials.</summary>
public static class ScoreViews
{
    public static Score Score(LoadedRuleSet ruleSet, EvaluationResult result, FactSet facts)
    {
        var score = new Score
        {
            RuleSetId = ruleSet.Id,
            RuleSetVersion = ruleSet.Version,
            RuleSetHash = ruleSet.Hash,
            TotalPoints = (double)result.Total,
            Tier = TierMapping.TierOf(result),
            PointsTier = TierMapping.Of(result.PointsTier),
            Vetoed = result.IsVetoed,
            Recognitions = { result.Recognitions.Select(r => r.Id) },
            Vetoes = { result.Vetoes.Select(v => v.Id) },
            Breakdown = { result.Breakdown.Select(Rule) },
            NotProvided = { result.NotProvidedFacts },
            Groups = { result.Groups.Select(Group) },
        };
        if (result.NextTier is { } next)
        {
            var gap = new TierGap { NextTier = TierMapping.Of(next) };
            if (result.GapToNextTier is { } points)
                gap.PointsNeeded = (double)points;
            score.NextTierGap = gap;
            var explanation = Explainer.Explain(ruleSet.Compiled, facts);
            score.Suggestions.AddRange(explanation.Suggestions.Select(s => new Contracts.Evaluation.V1.Suggestion
            {
                Fact = s.Fact,
                FromValue = s.From ?? "",
                ToValue = s.To,
                TotalPoints = (double)s.Total,
                Tier = s.Tier is { } tier ? TierMapping.ById.GetValueOrDefault(tier) : Contracts.Common.V1.Tier.None,
                Gain = (double)s.Gain,
            }));
        }
        return score;
    }

    public static Score Stored(LoadedRuleSet ruleSet, EvaluationRecord stored, string talentId)
    {
        var facts = EngineFacts.ToFactSet(ruleSet.Compiled, EngineFacts.FromSnapshot(stored.Facts));
        var score = Score(ruleSet, ruleSet.Compiled.Evaluate(facts), facts);
        score.TalentId = talentId;
        score.EvaluationSequence = stored.EvaluationSequence;
        score.EvaluatedAt = stored.EvaluatedAt;
        score.Trigger = stored.Trigger;
        if (stored.CertificationValidUntil is { } until)
            score.CertificationValidUntil = until;
        return score;
    }

    public static RuleScore Rule(BreakdownEntry entry) => new()
    {
        RuleId = entry.RuleId,
        LabelZh = entry.Labels.Zh,
        LabelEn = entry.Labels.En,
        Kind = entry.Kind,
        Path = { entry.Path },
        RawPoints = (double)entry.RawPoints,
        Points = (double)entry.Points,
        ClippedBy = entry.ClippedBy ?? "",
        Facts = { entry.Facts.Select(Evidence) },
        CredentialIds = { entry.Facts.SelectMany(f => f.Credentials).Distinct() },
        Source = Source(entry.Source),
    };

    public static Contracts.Evaluation.V1.GroupSubtotal Group(Rules.Evaluation.GroupSubtotal group)
    {
        var view = new Contracts.Evaluation.V1.GroupSubtotal
        {
            RuleId = group.RuleId, LabelZh = group.Labels.Zh, LabelEn = group.Labels.En, Path = { group.Path }, Combine = group.Combine.ToString().ToLowerInvariant(),
            BeforeCap = (double)group.BeforeCap, AfterCap = (double)group.AfterCap, Source = Source(group.Source),
        };
        if (group.Cap is { } cap)
            view.Cap = (double)cap;
        return view;
    }

    public static RuleSource? Source(Rules.Model.Source? source) =>
        source is null ? null : new RuleSource { Document = source.Document ?? "", Article = source.Article ?? "", Url = source.Url ?? "" };

    public static Contracts.Evaluation.V1.FactEvidence Evidence(Rules.Evaluation.FactEvidence fact) =>
        new() { Fact = fact.Fact, Value = fact.Value ?? "", CredentialIds = { fact.Credentials } };
}

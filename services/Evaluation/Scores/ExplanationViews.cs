using System.Globalization;
using TalentMesh.Contracts.Evaluation.V1;
using TalentMesh.Evaluation.RuleSets;
using TalentMesh.Evaluation.Rules.Evaluation;
using EvaluationRecord = TalentMesh.Contracts.Evaluation.V1.Evaluation;

namespace TalentMesh.Evaluation.Scores;

/// <summary>Every node of the rule set for one stored evaluation, replayed: counted, not applicable, not provided or not reached.</summary>
public static class ExplanationViews
{
    public static ScoreExplanation Explain(LoadedRuleSet ruleSet, EvaluationRecord stored, string talentId)
    {
        var result = CalculatorReplay(ruleSet, stored);
        var fired = result.Breakdown.ToDictionary(b => b.RuleId);
        var trace = result.Trace.ToDictionary(b => b.RuleId);
        var explanation = new ScoreExplanation
        {
            TalentId = talentId,
            EvaluationSequence = stored.EvaluationSequence,
            RuleSetId = ruleSet.Id,
            RuleSetHash = ruleSet.Hash,
            TotalPoints = (double)result.Total,
            Tier = TierMapping.TierOf(result),
            Facts = EngineFacts.Summary(stored.Facts),
        };
        foreach (var node in ruleSet.Compiled.Nodes)
        {
            var step = new ExplanationStep
            {
                RuleId = node.Id, LabelZh = node.Labels.Zh, LabelEn = node.Labels.En, Kind = node.Kind, Depth = node.Depth,
                Outcome = Outcome(result.StatusOf(node.Id)), Points = (double)result.PointsOf(node.Id),
            };
            if (trace.TryGetValue(node.Id, out var traced))
            {
                step.Condition = traced.Condition ?? "";
                step.Source = ScoreViews.Source(traced.Source);
                step.SelectedBy.AddRange(traced.SelectedBy.Select(ScoreViews.Evidence));
                if (traced.Status == NodeStatus.NotApplicable)
                    explanation.Summary.Add($"{node.Id} ({node.Labels.En}): not applicable ({traced.Condition})");
            }
            if (fired.TryGetValue(node.Id, out var entry))
            {
                step.RawPoints = (double)entry.RawPoints;
                step.FinalPoints = (double)entry.Points;
                step.ClippedBy = entry.ClippedBy ?? "";
                step.Facts.AddRange(entry.Facts.Select(ScoreViews.Evidence));
                step.CredentialIds.AddRange(entry.Facts.SelectMany(f => f.Credentials).Distinct());
                explanation.Summary.Add(Line(entry));
            }
            explanation.Steps.Add(step);
        }
        explanation.Summary.AddRange(result.Vetoes.Select(v => $"veto {v.Id} ({v.Labels.En}): no tier"));
        explanation.Summary.AddRange(result.Recognitions.Select(r => $"direct recognition {r.Id} ({r.Labels.En}): at least tier {r.Tier}"));
        explanation.Summary.Add($"total {Points(result.Total)} → tier {explanation.Tier}");
        return explanation;
    }

    private static EvaluationResult CalculatorReplay(LoadedRuleSet ruleSet, EvaluationRecord stored) => EvaluationCalculator.Replay(ruleSet, stored);

    private static string Line(BreakdownEntry entry)
    {
        var facts = string.Join(", ", entry.Facts.Select(f => $"{f.Fact}={f.Value ?? "not provided"}" +
            (f.Credentials.Count > 0 ? $" [{string.Join(", ", f.Credentials)}]" : "")));
        var clipped = entry.ClippedBy is { } by && entry.Points != entry.RawPoints ? $" (capped by {by}: {Points(entry.RawPoints)} → {Points(entry.Points)})" : "";
        var source = entry.Source is { } provision ? $" — {provision}" : "";
        return $"{entry.RuleId} ({entry.Labels.En}): {Points(entry.Points)}{clipped}" + (facts.Length > 0 ? $" from {facts}" : "") + source;
    }

    private static string Points(decimal points) => points.ToString("0.##", CultureInfo.InvariantCulture);

    private static RuleOutcome Outcome(NodeStatus status) => status switch
    {
        NodeStatus.Fired => RuleOutcome.Counted,
        NodeStatus.NotApplicable => RuleOutcome.NotApplicable,
        NodeStatus.Missing => RuleOutcome.NotProvided,
        _ => RuleOutcome.NotReached,
    };
}

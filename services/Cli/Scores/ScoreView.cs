using Spectre.Console;
using TalentMesh.Cli.Connection;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Evaluation.V1;

namespace TalentMesh.Cli.Scores;

/// <summary>
/// A score with its explanation: every rule of the rule set (indented by nesting) with its outcome, raw points,
/// points after caps, the cap of its group and what clipped it, the credentials behind it; then the total, the tier
/// and the gap to the next tier with the single changes that would close it.
/// </summary>
public static class ScoreView
{
    public static void Render(IAnsiConsole console, Score score, ScoreExplanation explanation)
    {
        var groups = score.Groups.ToDictionary(group => group.RuleId);
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"score of {Markup.Escape(score.TalentId)} — {Markup.Escape(score.RuleSetId)} {Markup.Escape(score.RuleSetVersion)}")
            .AddColumn("rule").AddColumn("outcome").AddColumn(new TableColumn("raw").RightAligned())
            .AddColumn(new TableColumn("points").RightAligned()).AddColumn(new TableColumn("cap").RightAligned())
            .AddColumn("clipped by").AddColumn("facts").AddColumn("credentials");
        foreach (var step in explanation.Steps)
        {
            var indent = new string(' ', step.Depth * 2);
            var label = step.LabelEn.Length > 0 ? $"{step.LabelEn} {step.LabelZh}" : step.RuleId;
            var counted = step.Outcome == RuleOutcome.Counted;
            var isGroup = groups.TryGetValue(step.RuleId, out var group);
            table.AddRow(
                new Text($"{indent}{label}", step.Depth == 0 ? new Style(decoration: Decoration.Bold) : Style.Plain),
                new Markup(Outcome(step.Outcome)),
                new Text(counted ? Display.Of(isGroup ? group!.BeforeCap : step.RawPoints) : ""),
                new Text(counted ? Display.Of(isGroup ? step.Points : step.FinalPoints) : ""),
                new Text(isGroup && group!.HasCap ? Display.Of(group.Cap) : ""),
                new Text(step.ClippedBy),
                new Text(string.Join(", ", step.Facts.Select(fact => fact.Value.Length > 0 ? $"{fact.Fact}={fact.Value}" : $"{fact.Fact}=?"))),
                new Text(Display.Of(step.CredentialIds)));
        }
        console.Write(table);
        var tier = score.Tier == Tier.None ? "no tier" : $"tier {Display.Of(score.Tier)}";
        console.MarkupLineInterpolated($"total [bold]{Display.Of(score.TotalPoints)}[/] points → [bold]{tier}[/] (points alone: {Display.Of(score.PointsTier)})");
        if (score.Recognitions.Count > 0)
            console.MarkupLineInterpolated($"direct recognition: {string.Join(", ", score.Recognitions)}");
        if (score.Vetoed)
            console.MarkupLineInterpolated($"[red]vetoed[/] by {string.Join(", ", score.Vetoes)}");
        console.MarkupLineInterpolated($"certified until {Display.Of(score.CertificationValidUntil)}; evaluation #{score.EvaluationSequence} ({Display.Kebab(score.Trigger)}) at {Display.Of(score.EvaluatedAt)}");
        console.MarkupLine(Gap(score));
        foreach (var suggestion in score.Suggestions)
            console.MarkupLineInterpolated($"  • {suggestion.Fact}: {(suggestion.FromValue.Length > 0 ? suggestion.FromValue : "not proven")} → {suggestion.ToValue} gives {Display.Of(suggestion.TotalPoints)} points, tier {Display.Of(suggestion.Tier)} (+{Display.Of(suggestion.Gain)})");
        if (score.NotProvided.Count > 0)
            console.MarkupLineInterpolated($"[grey]not proven yet (could add points): {string.Join(", ", score.NotProvided)}[/]");
    }

    public static string Gap(Score score) => score.NextTierGap is null
        ? "gap to next tier: none (the top tier points can reach)"
        : score.NextTierGap.HasPointsNeeded
            ? Markup.Escape($"gap to next tier {Display.Of(score.NextTierGap.NextTier)}: {Display.Of(score.NextTierGap.PointsNeeded)} points")
            : Markup.Escape($"next tier {Display.Of(score.NextTierGap.NextTier)}: by direct recognition only");

    private static string Outcome(RuleOutcome outcome) => outcome switch
    {
        RuleOutcome.Counted => "[green]counted[/]",
        RuleOutcome.NotApplicable => "[grey]not applicable[/]",
        RuleOutcome.NotProvided => "[yellow]not provided[/]",
        RuleOutcome.NotReached => "[grey]not reached[/]",
        _ => "",
    };
}

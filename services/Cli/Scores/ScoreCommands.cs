using System.CommandLine;
using Spectre.Console;
using TalentMesh.Cli.Connection;
using TalentMesh.Contracts.Evaluation.V1;

namespace TalentMesh.Cli.Scores;

/// <summary><c>talentmesh scores show | history | tiers</c>: a talent's score explained rule by rule, past evaluations, talents per tier.</summary>
public static class ScoreCommands
{
    public static Command Create(CliContext cli) => new("scores", "Scores: the explanation of every point, and the history.")
    {
        Show(cli),
        History(cli),
        Tiers(cli),
    };

    private static Command Tiers(CliContext cli) =>
        cli.Command("tiers", "How many talents hold each tier (A–E, no tier), and their total.", Caller.Hr, async (session, _) =>
        {
            var distribution = await session.Mesh.Scores.GetTierDistributionAsync(new GetTierDistributionRequest(), await session.Evaluation());
            var table = new Table().Border(TableBorder.Rounded).Title("talents per tier")
                .AddColumn("tier").AddColumn(new TableColumn("talents").RightAligned()).AddColumn(new TableColumn("share").RightAligned());
            foreach (var count in distribution.Tiers)
                table.AddRow(Display.Of(count.Tier), count.Talents.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    distribution.Total == 0 ? "—" : ((double)count.Talents / distribution.Total).ToString("0.0%", System.Globalization.CultureInfo.InvariantCulture));
            session.Console.Write(table);
            session.Console.MarkupLineInterpolated($"total [bold]{distribution.Total}[/] talents evaluated");
        });

    private static Command Show(CliContext cli)
    {
        var talent = CommonOptions.Talent();
        var sequence = new Option<long>("--evaluation") { Description = "Explain this past evaluation_sequence instead of the current one" };
        return cli.Command("show", "The score with every rule, its points, cap, credentials and the gap to the next tier.", Caller.Applicant, async (session, parsed) =>
        {
            var id = session.TalentId(parsed.GetValue(talent));
            var call = await session.Evaluation();
            var score = await session.Mesh.Scores.GetScoreAsync(new GetScoreRequest { TalentId = id }, call);
            var explanation = await session.Mesh.Scores.ExplainScoreAsync(new ExplainScoreRequest { TalentId = id, EvaluationSequence = parsed.GetValue(sequence) }, call);
            ScoreView.Render(session.Console, score, explanation);
        }, talent, sequence);
    }

    private static Command History(CliContext cli)
    {
        var talent = CommonOptions.Talent();
        var size = CommonOptions.PageSize();
        var page = CommonOptions.PageToken();
        return cli.Command("history", "Past evaluations, newest first.", Caller.Applicant, async (session, parsed) =>
        {
            var response = await session.Mesh.Scores.GetEvaluationHistoryAsync(new GetEvaluationHistoryRequest
            {
                TalentId = session.TalentId(parsed.GetValue(talent)),
                PageSize = parsed.GetValue(size),
                PageToken = parsed.GetValue(page) ?? "",
            }, await session.Evaluation());
            var table = new Table().Border(TableBorder.Rounded).Title("evaluations")
                .AddColumn("#").AddColumn("at").AddColumn("trigger").AddColumn(new TableColumn("points").RightAligned())
                .AddColumn("tier").AddColumn("previous").AddColumn("published").AddColumn("rule set");
            foreach (var evaluation in response.Evaluations)
                table.AddRow(evaluation.EvaluationSequence.ToString(System.Globalization.CultureInfo.InvariantCulture), Display.Of(evaluation.EvaluatedAt),
                    Display.Kebab(evaluation.Trigger), Display.Of(evaluation.TotalPoints), Display.Of(evaluation.Tier),
                    Display.Of(evaluation.PreviousTier), evaluation.Published ? "yes" : "no", Markup.Escape(evaluation.RuleSetHash[..Math.Min(19, evaluation.RuleSetHash.Length)]));
            session.Console.Write(table);
            session.WriteNextPageHint(response.NextPageToken);
        }, talent, size, page);
    }
}

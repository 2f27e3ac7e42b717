using System.Globalization;
using Spectre.Console;
using TalentMesh.Evaluation.Rules.Evaluation;

namespace TalentMesh.Evaluation.Rules.Cli.Output;

/// <summary>The breakdown as a plain table (no colours, so it reads the same in a terminal, a pipe and a test).</summary>
internal static class ResultTable
{
    public static void Write(TextWriter output, EvaluationResult result)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        // Nothing wraps: a name broken mid-word reads as two names. Lists go one item per line instead, which keeps
        // the columns narrow, and the console is wide enough that no cell has to be cut.
        console.Profile.Width = 1000;
        var table = new Table().Border(TableBorder.Ascii);
        foreach (var column in new[] { "rule", "path", "label", "raw", "after caps", "points", "clipped by", "source", "facts" })
            table.AddColumn(new TableColumn(column).NoWrap());
        foreach (var entry in result.Breakdown)
        {
            table.AddRow(
                Markup.Escape(entry.RuleId),
                Markup.Escape(string.Join(" > ", entry.Path)),
                Markup.Escape($"{entry.Labels.Zh}\n{entry.Labels.En}"),
                entry.RawPoints.ToString("0.###", CultureInfo.InvariantCulture),
                Markup.Escape(string.Join("\n", entry.Stages.Select(s => $"{s.RuleId}:{s.PointsAfter:0.###}"))),
                entry.Points.ToString("0.###", CultureInfo.InvariantCulture),
                Markup.Escape(entry.ClippedBy ?? ""),
                Markup.Escape(entry.Source?.ToString() ?? ""),
                Markup.Escape(string.Join("\n", entry.Facts.Select(Describe))));
        }
        console.Write(table);
        var source = result.RuleSet.Source;
        console.WriteLine($"rule set: {source.Id} {source.Version}");
        console.WriteLine($"total: {result.Total:0.###}   tier: {result.Tier?.Id ?? "none"}" +
            (result.IsVetoed ? $"   vetoed by: {string.Join(", ", result.Vetoes.Select(v => v.Id))}" : "") +
            (result.NextTier is { } next ? $"   next: {next.Id}" + (result.GapToNextTier is { } gap ? $" (gap {gap:0.###})" : "") : ""));
    }

    private static string Describe(FactEvidence fact) =>
        $"{fact.Fact}={fact.Value ?? "(not provided)"}" + (fact.Credentials.Count > 0 ? $" [{string.Join(" ", fact.Credentials)}]" : "");
}

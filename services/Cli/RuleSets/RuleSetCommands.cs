using System.CommandLine;
using Google.Protobuf.WellKnownTypes;
using Spectre.Console;
using TalentMesh.Cli.Connection;
using TalentMesh.Contracts.Evaluation.V1;

namespace TalentMesh.Cli.RuleSets;

/// <summary><c>talentmesh rule-sets list | show | validate | preview | publish</c> (admin; list and show are public).</summary>
public static class RuleSetCommands
{
    public static Command Create(CliContext cli) => new("rule-sets", "Points rule sets: list, show, validate, preview, publish with the rollout's progress.")
    {
        List(cli),
        Show(cli),
        Validate(cli),
        Preview(cli),
        Publish(cli),
    };

    private static Argument<string> Document() => new("file") { Description = "A rule set document (talentmesh.rules/v1 JSON)" };

    private static string Read(string path) =>
        File.Exists(path) ? File.ReadAllText(path) : throw new CliException($"rule set file '{path}' does not exist");

    private static Command List(CliContext cli) =>
        cli.Command("list", "Published rule sets, newest first.", Caller.Admin, async (session, _) =>
        {
            var response = await session.Mesh.RuleSets.ListRuleSetsAsync(new ListRuleSetsRequest { PageSize = 100 }, await session.Evaluation());
            var table = new Table().Border(TableBorder.Rounded).Title("rule sets")
                .AddColumn("id").AddColumn("version").AddColumn("status").AddColumn("hash").AddColumn("effective from").AddColumn("published by").AddColumn("title");
            foreach (var ruleSet in response.RuleSets)
                table.AddRow(Markup.Escape(ruleSet.RuleSetId), Markup.Escape(ruleSet.Version), Display.Kebab(ruleSet.Status), ruleSet.Hash,
                    Display.Of(ruleSet.EffectiveFrom), Markup.Escape(ruleSet.PublishedBy), Markup.Escape(ruleSet.Summary?.TitleEn ?? ""));
            session.Console.Write(table);
        });

    private static Command Show(CliContext cli)
    {
        var hash = new Argument<string>("hash") { Description = "sha256:<hex>, or active", DefaultValueFactory = _ => "active" };
        var document = new Option<bool>("--document") { Description = "Also print the JSON document" };
        return cli.Command("show", "One rule set: summary, tiers, facts (and the document).", Caller.Admin, async (session, parsed) =>
        {
            var ruleSet = await session.Mesh.RuleSets.GetRuleSetAsync(new GetRuleSetRequest { Hash = parsed.GetRequiredValue(hash) }, await session.Evaluation());
            session.Console.MarkupLineInterpolated($"[bold]{ruleSet.RuleSetId} {ruleSet.Version}[/] ({Display.Kebab(ruleSet.Status)}) {ruleSet.Hash}");
            session.Console.MarkupLineInterpolated($"published {Display.Of(ruleSet.PublishedAt)} by {ruleSet.PublishedBy}, effective {Display.Of(ruleSet.EffectiveFrom)}");
            RenderSummary(session.Console, ruleSet.Summary);
            if (parsed.GetValue(document))
                session.Console.Write(new Text(ruleSet.Document + "\n"));
        }, hash, document);
    }

    private static Command Validate(CliContext cli)
    {
        var file = Document();
        return cli.Command("validate", "Check a document without storing it: its hash, or every error by rule and JSON path.", Caller.Admin, async (session, parsed) =>
        {
            var response = await session.Mesh.RuleSets.ValidateRuleSetAsync(new ValidateRuleSetRequest { Document = Read(parsed.GetRequiredValue(file)) }, await session.Evaluation());
            session.Console.MarkupLineInterpolated($"[green bold]✓ valid[/] {response.Hash}");
            RenderSummary(session.Console, response.Summary);
        }, file);
    }

    private static Command Preview(CliContext cli)
    {
        var file = Document();
        var sample = new Option<int>("--sample") { Description = "Talents listed per kind of change", DefaultValueFactory = _ => 10 };
        return cli.Command("preview", "Who would move up or down, gain or lose a tier, under a candidate (changes nothing).", Caller.Admin, async (session, parsed) =>
        {
            var preview = await session.Mesh.RuleSets.PreviewRuleSetAsync(new PreviewRuleSetRequest
            {
                Document = Read(parsed.GetRequiredValue(file)),
                SampleSize = parsed.GetValue(sample),
            }, await session.Evaluation());
            RenderPreview(session.Console, preview);
        }, file, sample);
    }

    private static Command Publish(CliContext cli)
    {
        var file = Document();
        var expected = new Option<string?>("--expected-hash") { Description = "The hash the preview answered (default: the document's own, from a validation now)" };
        var effective = new Option<DateTimeOffset?>("--effective-from") { Description = "Schedule the activation (ISO 8601); default now" };
        var noWait = new Option<bool>("--no-wait") { Description = "Do not follow the rollout" };
        return cli.Command("publish", "Publish a rule set and follow the re-evaluation of every talent with a progress bar.", Caller.Admin, async (session, parsed) =>
        {
            var document = Read(parsed.GetRequiredValue(file));
            var call = await session.Evaluation();
            var hash = parsed.GetValue(expected)
                ?? (await session.Mesh.RuleSets.ValidateRuleSetAsync(new ValidateRuleSetRequest { Document = document }, call)).Hash;
            var request = new PublishRuleSetRequest { Document = document, ExpectedHash = hash, IdempotencyKey = Guid.NewGuid().ToString() };
            if (parsed.GetValue(effective) is { } from)
                request.EffectiveFrom = Timestamp.FromDateTimeOffset(from);
            var published = await session.Mesh.RuleSets.PublishRuleSetAsync(request, call);
            session.Console.MarkupLineInterpolated($"[green bold]✓ published[/] {published.RuleSetId} {published.Version} {published.Hash} ({Display.Kebab(published.Status)}), effective {Display.Of(published.EffectiveFrom)}");
            if (parsed.GetValue(noWait) || published.Status == RuleSetStatus.Scheduled)
                return ExitCodes.Ok;
            var rollout = await RolloutProgress.FollowAsync(session, published.Hash);
            if (rollout is null)
            {
                session.Console.MarkupLine("[yellow]no rollout appeared; follow it later with GetRollout[/]");
                return ExitCodes.Failed;
            }
            RolloutProgress.Render(session.Console, rollout);
            return ExitCodes.Ok;
        }, file, expected, effective, noWait);
    }

    private static void RenderSummary(IAnsiConsole console, RuleSetSummary? summary)
    {
        if (summary is null)
            return;
        console.MarkupLineInterpolated($"{summary.TitleEn} {summary.TitleZh} — {summary.RuleCount} rules");
        var tiers = new Table().Border(TableBorder.Rounded).AddColumn("tier").AddColumn(new TableColumn("from points").RightAligned());
        foreach (var tier in summary.Tiers)
            tiers.AddRow(Display.Of(tier.Tier), tier.HasMinPoints ? Display.Of(tier.MinPoints) : "direct recognition only");
        console.Write(tiers);
        console.MarkupLineInterpolated($"[grey]facts: {string.Join(", ", summary.Facts)}[/]");
    }

    private static void RenderPreview(IAnsiConsole console, PreviewRuleSetResponse preview)
    {
        console.MarkupLineInterpolated($"candidate {preview.Hash} against {preview.ActiveHash}: {preview.TalentsEvaluated} talents evaluated");
        var counts = new Table().Border(TableBorder.Rounded).AddColumn("change").AddColumn(new TableColumn("talents").RightAligned());
        counts.AddRow("moved up", $"{preview.MovedUp}").AddRow("moved down", $"{preview.MovedDown}").AddRow("unchanged", $"{preview.Unchanged}")
            .AddRow("gained a tier", $"{preview.GainedTier}").AddRow("lost their tier", $"{preview.LostTier}").AddRow("changed tier", $"{preview.ChangedTier}");
        console.Write(counts);
        if (preview.Transitions.Count > 0)
        {
            var transitions = new Table().Border(TableBorder.Rounded).Title("tier transitions").AddColumn("from").AddColumn("to").AddColumn(new TableColumn("talents").RightAligned());
            foreach (var transition in preview.Transitions)
                transitions.AddRow(Display.Of(transition.FromTier), Display.Of(transition.ToTier), $"{transition.Talents}");
            console.Write(transitions);
        }
        var distribution = new Table().Border(TableBorder.Rounded).Title("talents per tier").AddColumn("tier").AddColumn(new TableColumn("now").RightAligned()).AddColumn(new TableColumn("candidate").RightAligned());
        var now = preview.CurrentDistribution.ToDictionary(count => count.Tier, count => count.Talents);
        var candidate = preview.PreviewedDistribution.ToDictionary(count => count.Tier, count => count.Talents);
        foreach (var tier in now.Keys.Union(candidate.Keys).Order())
            distribution.AddRow(Display.Of(tier), $"{now.GetValueOrDefault(tier)}", $"{candidate.GetValueOrDefault(tier)}");
        console.Write(distribution);
        var samples = preview.SampleMovedUp.Concat(preview.SampleMovedDown).Concat(preview.SampleGainedTier).Concat(preview.SampleLostTier).DistinctBy(change => change.TalentId).ToList();
        if (samples.Count > 0)
        {
            var table = new Table().Border(TableBorder.Rounded).Title("sample").AddColumn("talent").AddColumn(new TableColumn("points now").RightAligned())
                .AddColumn(new TableColumn("candidate").RightAligned()).AddColumn("tier now").AddColumn("candidate tier");
            foreach (var change in samples)
                table.AddRow(Markup.Escape(change.TalentId), Display.Of(change.CurrentPoints), Display.Of(change.PreviewedPoints), Display.Of(change.CurrentTier), Display.Of(change.PreviewedTier));
            console.Write(table);
        }
    }
}

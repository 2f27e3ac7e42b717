using Spectre.Console;
using TalentMesh.Cli.Connection;
using TalentMesh.Contracts.Redemption.V1;

namespace TalentMesh.Cli.Redemptions;

public static class RedemptionView
{
    public static Table Table(string title) => new Table().Border(TableBorder.Rounded).Title(title)
        .AddColumn("redemption").AddColumn("talent").AddColumn("policy").AddColumn("status").AddColumn("stage")
        .AddColumn(new TableColumn("amount").RightAligned()).AddColumn("paid").AddColumn("requested");

    public static void AddRow(Table table, Redemption redemption) => table.AddRow(
        new Text(redemption.RedemptionId), new Text(redemption.TalentId), new Text(redemption.PolicyTitle.Length > 0 ? redemption.PolicyTitle : redemption.PolicyId),
        new Markup(Status(redemption.Status)), new Text(redemption.Status == RedemptionStatus.PendingReview ? Display.Kebab(redemption.CurrentStage) : ""),
        new Text(Display.Of(redemption.Amount)), new Text($"{redemption.InstallmentsPaid}/{redemption.Installments}"), new Text(Display.Of(redemption.RequestedAt)));

    public static void Render(IAnsiConsole console, Redemption redemption)
    {
        var table = Table($"redemption {Markup.Escape(redemption.RedemptionId)}");
        AddRow(table, redemption);
        console.Write(table);
        if (redemption.Decisions.Count > 0)
        {
            var tree = new Tree("decisions");
            foreach (var decision in redemption.Decisions)
                tree.AddNode(Markup.Escape($"{Display.Of(decision.DecidedAt)} {Display.Kebab(decision.Decision)} at {Display.Kebab(decision.Stage)} by {decision.DecidedBy}" +
                    (decision.RejectionReason != 0 ? $" ({Display.Kebab(decision.RejectionReason)})" : "") + (decision.Comment.Length > 0 ? $": {decision.Comment}" : "")));
            console.Write(tree);
        }
        if (redemption.PublicNoticeUntil is not null)
            console.MarkupLineInterpolated($"public notice until {Display.Of(redemption.PublicNoticeUntil)}");
        if (redemption.AppealDeadline is not null)
            console.MarkupLineInterpolated($"appeal until {Display.Of(redemption.AppealDeadline)}");
        if (redemption.SuspensionReason.Length > 0)
            console.MarkupLineInterpolated($"[yellow]suspended: {redemption.SuspensionReason}[/]");
        foreach (var disbursement in redemption.Disbursements)
            console.MarkupLineInterpolated($"installment {disbursement.Installment}: {Display.Of(disbursement.Amount)} {Display.Kebab(disbursement.Outcome)} {(disbursement.Success is { } success ? success.PaymentReference : disbursement.Failure?.FailureCode)} at {Display.Of(disbursement.RecordedAt)}");
    }

    public static string Status(RedemptionStatus status) => status switch
    {
        RedemptionStatus.Disbursed => "[green]disbursed[/]",
        RedemptionStatus.Rejected or RedemptionStatus.Voided or RedemptionStatus.DisbursementFailed => $"[red]{Display.Kebab(status)}[/]",
        _ => $"[yellow]{Display.Kebab(status)}[/]",
    };
}

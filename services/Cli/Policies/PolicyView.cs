using Spectre.Console;
using TalentMesh.Cli.Connection;
using TalentMesh.Contracts.Redemption.V1;

namespace TalentMesh.Cli.Policies;

public static class PolicyView
{
    public static Table Table(string title) => new Table().Border(TableBorder.Rounded).Title(title)
        .AddColumn("policy").AddColumn("v").AddColumn("status").AddColumn("title").AddColumn("tiers").AddColumn("form")
        .AddColumn(new TableColumn("amount").RightAligned()).AddColumn("notice").AddColumn("stages").AddColumn("budget used").AddColumn(new TableColumn("approved").RightAligned());

    public static void AddRow(Table table, Policy policy) => table.AddRow(
        Markup.Escape(policy.PolicyId), $"{policy.Version}", Display.Kebab(policy.Status), Markup.Escape(policy.Title),
        string.Join(",", policy.EligibleTiers.Select(Display.Of)),
        $"{Display.Kebab(policy.PaymentForm)}{(policy.Installments > 1 ? $" ×{policy.Installments}" : "")}{(policy.AutomaticGrant ? " auto" : "")}",
        Display.Of(policy.Amount), policy.PublicNoticeWorkingDays == 0 ? "none" : $"{policy.PublicNoticeWorkingDays} working days",
        policy.ApprovalStages.Count == 0 ? "preliminary-review" : string.Join(" → ", policy.ApprovalStages.Select(Display.Kebab)),
        $"{Display.Of(policy.BudgetCommitted)} of {Display.Of(policy.TotalBudget)}", $"{policy.ApprovedCount}");

    public static void Render(IAnsiConsole console, Policy policy)
    {
        var table = Table($"policy {Markup.Escape(policy.PolicyId)}");
        AddRow(table, policy);
        console.Write(table);
        if (policy.Conditions?.Facts.Count > 0)
            console.MarkupLineInterpolated($"conditions: {string.Join("; ", policy.Conditions.Facts.Select(condition => condition.ToString()))}");
    }
}

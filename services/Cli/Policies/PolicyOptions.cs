using System.CommandLine;
using TalentMesh.Cli.Connection;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Redemption.V1;

namespace TalentMesh.Cli.Policies;

/// <summary>
/// A policy from the command line: a full proto JSON policy (<c>--json</c>), and/or the common fields as options,
/// which override the JSON.
/// </summary>
public sealed class PolicyOptions
{
    public Option<string?> Json { get; } = new("--json") { Description = "The policy as proto JSON (or @file); the options below override its fields" };
    public Option<string?> Title { get; } = new("--title") { Description = "Title" };
    public Option<string?> Description { get; } = new("--description") { Description = "Description" };
    public Option<Tier[]> Tiers { get; } = Parsing.EnumListOption<Tier>("--tiers", "Eligible tiers");
    public Option<PaymentForm> PaymentForm { get; } = Parsing.EnumOption<PaymentForm>("--payment-form", "How it is granted");
    public Option<decimal?> Amount { get; } = new("--amount") { Description = "Yuan per installment" };
    public Option<int?> Installments { get; } = new("--installments") { Description = "Installments (1 for one-off)" };
    public Option<decimal?> Budget { get; } = new("--budget") { Description = "Total budget in yuan" };
    public Option<int?> NoticeDays { get; } = new("--notice-days") { Description = "Working days of public notice (公示) before payment; 0 = none" };
    public Option<ApprovalStage[]> Stages { get; } = Parsing.EnumListOption<ApprovalStage>("--stages", "Approval stages in order");
    public Option<bool?> AutomaticGrant { get; } = new("--automatic-grant") { Description = "Granted without application (免申即享)" };

    public Symbol[] All => [Json, Title, Description, Tiers, PaymentForm, Amount, Installments, Budget, NoticeDays, Stages, AutomaticGrant];

    public Policy Build(ParseResult parsed, Policy? basis = null)
    {
        var policy = parsed.GetValue(Json) is { Length: > 0 } json ? Parsing.Json<Policy>(json) : basis?.Clone() ?? new Policy();
        if (parsed.GetValue(Title) is { } title)
            policy.Title = title;
        if (parsed.GetValue(Description) is { } description)
            policy.Description = description;
        if (parsed.GetValue(Tiers) is { Length: > 0 } tiers)
        {
            policy.EligibleTiers.Clear();
            policy.EligibleTiers.AddRange(tiers);
        }
        if (parsed.GetValue(PaymentForm) is var form && form != Contracts.Common.V1.PaymentForm.Unspecified)
            policy.PaymentForm = form;
        if (parsed.GetValue(Amount) is { } amount)
            policy.Amount = Parsing.Yuan(amount);
        if (parsed.GetValue(Installments) is { } installments)
            policy.Installments = installments;
        if (parsed.GetValue(Budget) is { } budget)
            policy.TotalBudget = Parsing.Yuan(budget);
        if (parsed.GetValue(NoticeDays) is { } days)
            policy.PublicNoticeWorkingDays = days;
        if (parsed.GetValue(Stages) is { Length: > 0 } stages)
        {
            policy.ApprovalStages.Clear();
            policy.ApprovalStages.AddRange(stages);
        }
        if (parsed.GetValue(AutomaticGrant) is { } automatic)
            policy.AutomaticGrant = automatic;
        return policy;
    }
}

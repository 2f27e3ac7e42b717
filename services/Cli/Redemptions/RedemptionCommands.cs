using System.CommandLine;
using Spectre.Console;
using TalentMesh.Cli.Connection;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Redemption.V1;

namespace TalentMesh.Cli.Redemptions;

/// <summary>
/// <c>talentmesh redemptions eligible | redeem | list | show | approve | reject | disburse | void | appeal</c>:
/// applicants redeem in one click, policy officers review, record payments.
/// </summary>
public static class RedemptionCommands
{
    public static Command Create(CliContext cli) => new("redemptions", "Benefits: eligibility, one-click redemption, review, disbursement.")
    {
        Eligible(cli),
        Redeem(cli),
        List(cli),
        Show(cli),
        Approve(cli),
        Reject(cli),
        Disburse(cli),
        Void(cli),
        Appeal(cli),
    };

    private static Argument<string> RedemptionId() => CommonOptions.Id("redemption-id", "The redemption");

    private static Command Eligible(CliContext cli)
    {
        var blocked = new Option<bool>("--include-blocked") { Description = "Also list policies the tier fits but another condition blocks" };
        return cli.Command("eligible", "Applicant: the benefits the caller qualifies for now.", Caller.Applicant, async (session, parsed) =>
        {
            var response = await session.Mesh.Redemptions.ListEligibleBenefitsAsync(new ListEligibleBenefitsRequest
            {
                IncludeBlocked = parsed.GetValue(blocked),
                PageSize = 100,
            }, await session.Redemption());
            var table = new Table().Border(TableBorder.Rounded).Title($"benefits for tier {Display.Of(response.Tier)}")
                .AddColumn("policy").AddColumn("title").AddColumn("form").AddColumn(new TableColumn("amount").RightAligned()).AddColumn("redeemable").AddColumn("blockers");
            foreach (var benefit in response.Benefits)
                table.AddRow(new Text(benefit.PolicyId), new Text(benefit.Title), new Text(Display.Kebab(benefit.PaymentForm) + (benefit.AutomaticGrant ? " (automatic)" : "")),
                    new Text(Display.Of(benefit.Amount)), new Markup(benefit.Redeemable ? "[green]yes[/]" : "[red]no[/]"), new Text(Display.Of(benefit.Blockers)));
            session.Console.Write(table);
        }, blocked);
    }

    private static Command Redeem(CliContext cli)
    {
        var policy = CommonOptions.Id("policy-id", "The policy to redeem");
        return cli.Command("redeem", "Applicant: apply for a benefit in one click.", Caller.Applicant, async (session, parsed) =>
            RedemptionView.Render(session.Console, await session.Mesh.Redemptions.RedeemAsync(
                new RedeemRequest { PolicyId = parsed.GetRequiredValue(policy), IdempotencyKey = Guid.NewGuid().ToString() },
                await session.Redemption())), policy);
    }

    private static Command List(CliContext cli)
    {
        var talent = new Option<string?>("--talent") { Description = "Only this talent's" };
        var policy = new Option<string?>("--policy") { Description = "Only this policy's" };
        var status = Parsing.EnumOption<RedemptionStatus>("--status", "Only this status");
        var stage = Parsing.EnumOption<ApprovalStage>("--stage", "Only those at this stage");
        var size = CommonOptions.PageSize();
        var page = CommonOptions.PageToken();
        return cli.Command("list", "Redemptions (applicants: their own; officers: all, filtered).", Caller.PolicyOfficer, async (session, parsed) =>
        {
            var response = await session.Mesh.Redemptions.ListRedemptionsAsync(new ListRedemptionsRequest
            {
                TalentId = parsed.GetValue(talent) ?? "",
                PolicyId = parsed.GetValue(policy) ?? "",
                Status = parsed.GetValue(status),
                Stage = parsed.GetValue(stage),
                PageSize = parsed.GetValue(size),
                PageToken = parsed.GetValue(page) ?? "",
            }, await session.Redemption());
            var table = RedemptionView.Table("redemptions");
            foreach (var redemption in response.Redemptions)
                RedemptionView.AddRow(table, redemption);
            session.Console.Write(table);
            session.WriteNextPageHint(response.NextPageToken);
        }, talent, policy, status, stage, size, page);
    }

    private static Command Show(CliContext cli)
    {
        var id = RedemptionId();
        return cli.Command("show", "One redemption with its decisions and disbursements.", Caller.PolicyOfficer, async (session, parsed) =>
            RedemptionView.Render(session.Console, await session.Mesh.Redemptions.GetRedemptionAsync(
                new GetRedemptionRequest { RedemptionId = parsed.GetRequiredValue(id) }, await session.Redemption())), id);
    }

    private static Command Approve(CliContext cli)
    {
        var id = RedemptionId();
        var stage = Parsing.EnumOption<ApprovalStage>("--stage", "The stage being approved (default: the one it is at)");
        var comment = new Option<string?>("--comment") { Description = "A comment for the record" };
        return cli.Command("approve", "Policy officer: pass the stage the redemption is at.", Caller.PolicyOfficer, async (session, parsed) =>
        {
            var call = await session.Redemption();
            var redemptionId = parsed.GetRequiredValue(id);
            var at = parsed.GetValue(stage);
            if (at == ApprovalStage.Unspecified)
                at = (await session.Mesh.Redemptions.GetRedemptionAsync(new GetRedemptionRequest { RedemptionId = redemptionId }, call)).CurrentStage;
            RedemptionView.Render(session.Console, await session.Mesh.Redemptions.ApproveRedemptionAsync(new ApproveRedemptionRequest
            {
                RedemptionId = redemptionId,
                Stage = at,
                Comment = parsed.GetValue(comment) ?? "",
                IdempotencyKey = Guid.NewGuid().ToString(),
            }, call));
        }, id, stage, comment);
    }

    private static Command Reject(CliContext cli)
    {
        var id = RedemptionId();
        var stage = Parsing.EnumOption<ApprovalStage>("--stage", "The stage rejecting it (default: the one it is at)");
        var reason = Parsing.EnumOption<RejectionReason>("--reason", "Why");
        reason.Required = true;
        var text = new Option<string?>("--text") { Description = "Shown to the applicant (required with other)" };
        return cli.Command("reject", "Policy officer: reject at the current stage with a reason code.", Caller.PolicyOfficer, async (session, parsed) =>
        {
            var call = await session.Redemption();
            var redemptionId = parsed.GetRequiredValue(id);
            var at = parsed.GetValue(stage);
            if (at == ApprovalStage.Unspecified)
                at = (await session.Mesh.Redemptions.GetRedemptionAsync(new GetRedemptionRequest { RedemptionId = redemptionId }, call)).CurrentStage;
            RedemptionView.Render(session.Console, await session.Mesh.Redemptions.RejectRedemptionAsync(new RejectRedemptionRequest
            {
                RedemptionId = redemptionId,
                Stage = at,
                Reason = parsed.GetValue(reason),
                ReasonText = parsed.GetValue(text) ?? "",
            }, call));
        }, id, stage, reason, text);
    }

    private static Command Disburse(CliContext cli)
    {
        var id = RedemptionId();
        var installment = new Option<int?>("--installment") { Description = "1-based (default: the next one)" };
        var amount = new Option<decimal?>("--amount") { Description = "Yuan (default: the redemption's amount per installment)" };
        var reference = new Option<string?>("--reference") { Description = "The payment reference of a successful payment" };
        var failure = new Option<string?>("--failure") { Description = "A failure code instead (e.g. ACCOUNT_CLOSED)" };
        var retryable = new Option<bool>("--retryable") { Description = "The failure may be retried" };
        return cli.Command("disburse", "Policy officer: record the outcome of a payment installment.", Caller.PolicyOfficer, async (session, parsed) =>
        {
            var call = await session.Redemption();
            var current = await session.Mesh.Redemptions.GetRedemptionAsync(new GetRedemptionRequest { RedemptionId = parsed.GetRequiredValue(id) }, call);
            var request = new RecordDisbursementRequest
            {
                RedemptionId = current.RedemptionId,
                Installment = parsed.GetValue(installment) ?? current.InstallmentsPaid + 1,
                Amount = parsed.GetValue(amount) is { } yuan ? Parsing.Yuan(yuan) : current.Amount,
                IdempotencyKey = Guid.NewGuid().ToString(),
            };
            if (parsed.GetValue(failure) is { Length: > 0 } code)
                request.Failure = new DisbursementFailure { FailureCode = code, Description = code, Retryable = parsed.GetValue(retryable) };
            else
                request.Success = new DisbursementSuccess
                {
                    PaymentReference = parsed.GetValue(reference) ?? throw new CliException("--reference <payment reference> (or --failure <code>) is required"),
                    PaidAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
                };
            RedemptionView.Render(session.Console, await session.Mesh.Redemptions.RecordDisbursementAsync(request, call));
        }, id, installment, amount, reference, failure, retryable);
    }

    private static Command Void(CliContext cli)
    {
        var id = RedemptionId();
        var reason = Parsing.EnumOption<VoidReason>("--reason", "Why (officers)");
        var text = new Option<string?>("--text") { Description = "Shown to the applicant" };
        return cli.Command("void", "Void a redemption (officers), or withdraw one's own (applicants).", Caller.PolicyOfficer, async (session, parsed) =>
            RedemptionView.Render(session.Console, await session.Mesh.Redemptions.VoidRedemptionAsync(new VoidRedemptionRequest
            {
                RedemptionId = parsed.GetRequiredValue(id),
                Reason = parsed.GetValue(reason),
                ReasonText = parsed.GetValue(text) ?? "",
            }, await session.Redemption())), id, reason, text);
    }

    private static Command Appeal(CliContext cli)
    {
        var id = RedemptionId();
        var statement = new Option<string>("--statement") { Description = "Why the rejection is wrong", Required = true };
        return cli.Command("appeal", "Applicant: appeal a rejection before the deadline.", Caller.Applicant, async (session, parsed) =>
            RedemptionView.Render(session.Console, await session.Mesh.Redemptions.AppealRejectionAsync(new AppealRejectionRequest
            {
                RedemptionId = parsed.GetRequiredValue(id),
                Statement = parsed.GetRequiredValue(statement),
                IdempotencyKey = Guid.NewGuid().ToString(),
            }, await session.Redemption())), id, statement);
    }
}

using System.CommandLine;
using TalentMesh.Cli.Connection;
using TalentMesh.Contracts.Redemption.V1;

namespace TalentMesh.Cli.Policies;

/// <summary><c>talentmesh policies create | update | publish | close | list | show</c> (policy_officer).</summary>
public static class PolicyCommands
{
    public static Command Create(CliContext cli) => new("policies", "The policy catalogue: draft, publish, close.")
    {
        CreateDraft(cli),
        Update(cli),
        Publish(cli),
        Close(cli),
        List(cli),
        Show(cli),
    };

    private static Command CreateDraft(CliContext cli)
    {
        var options = new PolicyOptions();
        return cli.Command("create", "Create a draft policy.", Caller.PolicyOfficer, async (session, parsed) =>
            PolicyView.Render(session.Console, await session.Mesh.Policies.CreatePolicyAsync(
                new CreatePolicyRequest { Policy = options.Build(parsed), IdempotencyKey = Guid.NewGuid().ToString() },
                await session.Redemption())), options.All);
    }

    private static Command Update(CliContext cli)
    {
        var id = CommonOptions.Id("policy-id", "The draft to replace");
        var options = new PolicyOptions();
        return cli.Command("update", "Replace a draft (the current draft, changed by the given fields).", Caller.PolicyOfficer, async (session, parsed) =>
        {
            var call = await session.Redemption();
            var current = await session.Mesh.Policies.GetPolicyAsync(new GetPolicyRequest { PolicyId = parsed.GetRequiredValue(id) }, call);
            var policy = options.Build(parsed, current);
            policy.PolicyId = current.PolicyId;
            PolicyView.Render(session.Console, await session.Mesh.Policies.UpdatePolicyAsync(new UpdatePolicyRequest { Policy = policy }, call));
        }, [id, .. options.All]);
    }

    private static Command Publish(CliContext cli)
    {
        var id = CommonOptions.Id("policy-id", "The draft to publish");
        return cli.Command("publish", "DRAFT → PUBLISHED: eligible talents are told, automatic grants start.", Caller.PolicyOfficer, async (session, parsed) =>
            PolicyView.Render(session.Console, await session.Mesh.Policies.PublishPolicyAsync(
                new PublishPolicyRequest { PolicyId = parsed.GetRequiredValue(id) }, await session.Redemption())), id);
    }

    private static Command Close(CliContext cli)
    {
        var id = CommonOptions.Id("policy-id", "The policy to close");
        var reason = new Option<string?>("--reason") { Description = "Why" };
        return cli.Command("close", "PUBLISHED → CLOSED: no new redemptions; running ones continue.", Caller.PolicyOfficer, async (session, parsed) =>
            PolicyView.Render(session.Console, await session.Mesh.Policies.ClosePolicyAsync(
                new ClosePolicyRequest { PolicyId = parsed.GetRequiredValue(id), Reason = parsed.GetValue(reason) ?? "" }, await session.Redemption())), id, reason);
    }

    private static Command List(CliContext cli)
    {
        var status = Connection.Parsing.EnumOption<PolicyStatus>("--status", "Only this status");
        var size = CommonOptions.PageSize();
        var page = CommonOptions.PageToken();
        return cli.Command("list", "Policies (applicants: published only).", Caller.PolicyOfficer, async (session, parsed) =>
        {
            var response = await session.Mesh.Policies.ListPoliciesAsync(new ListPoliciesRequest
            {
                Status = parsed.GetValue(status),
                PageSize = parsed.GetValue(size),
                PageToken = parsed.GetValue(page) ?? "",
            }, await session.Redemption());
            var table = PolicyView.Table("policies");
            foreach (var policy in response.Policies)
                PolicyView.AddRow(table, policy);
            session.Console.Write(table);
            session.WriteNextPageHint(response.NextPageToken);
        }, status, size, page);
    }

    private static Command Show(CliContext cli)
    {
        var id = CommonOptions.Id("policy-id", "The policy");
        return cli.Command("show", "One policy with its usage figures.", Caller.PolicyOfficer, async (session, parsed) =>
            PolicyView.Render(session.Console, await session.Mesh.Policies.GetPolicyAsync(
                new GetPolicyRequest { PolicyId = parsed.GetRequiredValue(id) }, await session.Redemption())), id);
    }
}

using Spectre.Console;
using System.CommandLine;
using System.Text.RegularExpressions;
using TalentMesh.Cli.Connection;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Registration.V1;

namespace TalentMesh.Cli.Credentials;

/// <summary>
/// <c>talentmesh credentials submit | list | show | queue | verify | reject | revoke</c>: applicants submit,
/// HR reviews. Attributes of every credential type travel as proto JSON (see docs/cli.md for one of each).
/// </summary>
public static partial class CredentialCommands
{
    public static Command Create(CliContext cli) => new("credentials", "Credentials: submit (every type), list, and HR review.")
    {
        Submit(cli),
        List(cli),
        Show(cli),
        Queue(cli),
        Verify(cli),
        Reject(cli),
        Revoke(cli),
    };

    private static Command Submit(CliContext cli)
    {
        var talent = CommonOptions.Talent();
        var attributes = new Option<string>("--attributes")
        {
            Description = """The typed attributes as proto JSON (or @file), e.g. {"degree":{"level":"EDUCATION_LEVEL_MASTER","institution":"浙江大学"}}""",
            Required = true,
        };
        var reference = new Option<string>("--reference") { Description = "What HR checks against (学信网 code, certificate number…)", Required = true };
        var evidence = new Option<string[]>("--evidence")
        {
            Description = "An evidence file, PDF/JPEG/PNG (its SHA-256 is sent), or the sha256:<hex> content hash of a PDF; repeatable",
            AllowMultipleArgumentsPerToken = false,
        };
        return cli.Command("submit", "Submit a credential of any type for HR review.", Caller.Applicant, async (session, parsed) =>
        {
            var request = new SubmitCredentialRequest
            {
                TalentId = session.TalentId(parsed.GetValue(talent)),
                Attributes = Parsing.Json<CredentialAttributes>(parsed.GetRequiredValue(attributes)),
                VerificationReference = parsed.GetRequiredValue(reference),
                IdempotencyKey = Guid.NewGuid().ToString(),
            };
            foreach (var item in parsed.GetValue(evidence) ?? [])
                request.Evidence.Add(ContentHash().IsMatch(item)
                    ? new Evidence { ContentHash = item, MediaType = "application/pdf", SizeBytes = 1, Description = "evidence (by hash)" }
                    : Parsing.EvidenceFromFile(item));
            CredentialView.Render(session.Console, await session.Mesh.Credentials.SubmitCredentialAsync(request, await session.Registration()));
        }, talent, attributes, reference, evidence);
    }

    private static Command List(CliContext cli)
    {
        var talent = CommonOptions.Talent();
        var status = Parsing.EnumOption<CredentialStatus>("--status", "Only this status");
        var size = CommonOptions.PageSize();
        var page = CommonOptions.PageToken();
        return cli.Command("list", "A talent's credentials, newest first.", Caller.Applicant, async (session, parsed) =>
        {
            var response = await session.Mesh.Credentials.ListCredentialsAsync(new ListCredentialsRequest
            {
                TalentId = session.TalentId(parsed.GetValue(talent)),
                Status = parsed.GetValue(status),
                PageSize = parsed.GetValue(size),
                PageToken = parsed.GetValue(page) ?? "",
            }, await session.Registration());
            CredentialView.RenderPage(session, "credentials", response.Credentials, response.NextPageToken);
        }, talent, status, size, page);
    }

    private static Command Show(CliContext cli)
    {
        var id = CommonOptions.Id("credential-id", "The credential");
        return cli.Command("show", "One credential.", Caller.Hr, async (session, parsed) =>
            CredentialView.Render(session.Console, await session.Mesh.Credentials.GetCredentialAsync(
                new GetCredentialRequest { CredentialId = parsed.GetRequiredValue(id) }, await session.Registration())), id);
    }

    private static Command Queue(CliContext cli)
    {
        var type = Parsing.EnumOption<CredentialType>("--type", "Only this credential type");
        var employer = new Option<string?>("--employer") { Description = "Only talents of this employer (credit code)" };
        var size = CommonOptions.PageSize();
        var page = CommonOptions.PageToken();
        return cli.Command("queue", "HR's review queue: submitted credentials, oldest first.", Caller.Hr, async (session, parsed) =>
        {
            var response = await session.Mesh.Credentials.ListPendingCredentialsAsync(new ListPendingCredentialsRequest
            {
                CredentialType = parsed.GetValue(type),
                EmployerCreditCode = parsed.GetValue(employer) ?? "",
                PageSize = parsed.GetValue(size),
                PageToken = parsed.GetValue(page) ?? "",
            }, await session.Registration());
            CredentialView.RenderPage(session, $"review queue ({response.TotalPending} pending)", response.Credentials, response.NextPageToken);
        }, type, employer, size, page);
    }

    private static Command Verify(CliContext cli)
    {
        var id = CommonOptions.Id("credential-id", "The credential to verify");
        var note = new Option<string?>("--note") { Description = "A note for the record" };
        var corrected = new Option<string?>("--corrected") { Description = "Corrected attributes as proto JSON (same type), when the evidence differs" };
        return cli.Command("verify", "HR: SUBMITTED → VERIFIED.", Caller.Hr, async (session, parsed) =>
        {
            var request = new VerifyCredentialRequest { CredentialId = parsed.GetRequiredValue(id), Note = parsed.GetValue(note) ?? "" };
            if (parsed.GetValue(corrected) is { Length: > 0 } json)
                request.CorrectedAttributes = Parsing.Json<CredentialAttributes>(json);
            CredentialView.Render(session.Console, await session.Mesh.Credentials.VerifyCredentialAsync(request, await session.Registration()));
        }, id, note, corrected);
    }

    private static Command Reject(CliContext cli)
    {
        var id = CommonOptions.Id("credential-id", "The credential to reject");
        var reason = new Option<string>("--reason") { Description = "Shown to the applicant", Required = true };
        return cli.Command("reject", "HR: SUBMITTED → REJECTED with a reason.", Caller.Hr, async (session, parsed) =>
            CredentialView.Render(session.Console, await session.Mesh.Credentials.RejectCredentialAsync(
                new RejectCredentialRequest { CredentialId = parsed.GetRequiredValue(id), Reason = parsed.GetRequiredValue(reason) },
                await session.Registration())), id, reason);
    }

    private static Command Revoke(CliContext cli)
    {
        var id = CommonOptions.Id("credential-id", "The credential to revoke");
        var reason = new Option<string>("--reason") { Description = "Why", Required = true };
        var fraud = new Option<bool>("--fraud") { Description = "Falsified material (the points scheme deducts for it)" };
        return cli.Command("revoke", "HR, admin: VERIFIED → REVOKED; the talent is re-evaluated.", Caller.Hr, async (session, parsed) =>
            CredentialView.Render(session.Console, await session.Mesh.Credentials.RevokeCredentialAsync(
                new RevokeCredentialRequest { CredentialId = parsed.GetRequiredValue(id), Reason = parsed.GetRequiredValue(reason), Fraud = parsed.GetValue(fraud) },
                await session.Registration())), id, reason, fraud);
    }

    [GeneratedRegex("^sha256:[0-9a-f]{64}$")]
    private static partial Regex ContentHash();
}

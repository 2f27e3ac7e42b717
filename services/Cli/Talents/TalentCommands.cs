using System.CommandLine;
using Spectre.Console;
using TalentMesh.Cli.Connection;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Registration.V1;

namespace TalentMesh.Cli.Talents;

/// <summary><c>talentmesh talents register | show | watch | update-contact</c>.</summary>
public static class TalentCommands
{
    public static Command Create(CliContext cli) => new("talents", "Talents: register, show, watch, update contact.")
    {
        Register(cli),
        Show(cli),
        Watch(cli),
        UpdateContact(cli),
    };

    private static Command Register(CliContext cli)
    {
        var name = new Option<string>("--name") { Description = "Full name", Required = true };
        var document = Parsing.EnumOption<IdentityDocumentType>("--document", "Identity document type");
        document.DefaultValueFactory = _ => IdentityDocumentType.ResidentId;
        var number = new Option<string>("--number") { Description = "Identity document number (validated per type)", Required = true };
        var country = new Option<string?>("--country") { Description = "Issuing country, ISO 3166 alpha-3 (passports only)" };
        var birth = new Option<string>("--birth-date") { Description = "yyyy-MM-dd (must match the number where it encodes one)", Required = true };
        var gender = Parsing.EnumOption<Gender>("--gender", "Gender (must match the number where it encodes one)");
        gender.Required = true;
        var phone = new Option<string>("--phone") { Description = "Mobile number", Required = true };
        var employer = new Option<string>("--employer") { Description = "Employer's unified social credit code", Required = true };
        return cli.Command("register", "Register the caller as a talent (--as applicant:<talent-id>).", Caller.Applicant, async (session, parsed) =>
        {
            var talent = await session.Mesh.Talents.RegisterTalentAsync(new RegisterTalentRequest
            {
                IdentityDocumentType = parsed.GetValue(document),
                IdentityNumber = parsed.GetRequiredValue(number),
                IssuingCountry = parsed.GetValue(country) ?? "",
                FullName = parsed.GetRequiredValue(name),
                BirthDate = Parsing.ParseDate(parsed.GetRequiredValue(birth)),
                Gender = parsed.GetValue(gender),
                Phone = parsed.GetRequiredValue(phone),
                EmployerCreditCode = parsed.GetRequiredValue(employer),
                IdempotencyKey = Guid.NewGuid().ToString(),
            }, await session.Registration());
            TalentView.Render(session.Console, talent);
        }, name, document, number, country, birth, gender, phone, employer);
    }

    private static Command Show(CliContext cli)
    {
        var talent = CommonOptions.Talent();
        return cli.Command("show", "Show a talent (an applicant: their own; hr, admin: --talent).", Caller.Applicant, async (session, parsed) =>
        {
            var id = parsed.GetValue(talent);
            var shown = string.IsNullOrWhiteSpace(id) && session.Caller.Role == Caller.Applicant
                ? await session.Mesh.Talents.GetMyTalentAsync(new GetMyTalentRequest(), await session.Registration())
                : await session.Mesh.Talents.GetTalentAsync(new GetTalentRequest { TalentId = session.TalentId(id) }, await session.Registration());
            TalentView.Render(session.Console, shown);
        }, talent);
    }

    private static Command Watch(CliContext cli)
    {
        var count = new Option<int?>("--count") { Description = "Stop after this many (the first is the record as it is; default: until Ctrl+C)" };
        return cli.Command("watch", "Show one's own record, then again whenever it changes (a new tier), until Ctrl+C.", Caller.Applicant, async (session, parsed) =>
        {
            var limit = parsed.GetValue(count);
            var call = await session.Mesh.CallAsync(MeshService.Registration, session.Caller, session.CancellationToken, streaming: true);
            using var stream = session.Mesh.Talents.WatchMyTalent(new WatchMyTalentRequest(), call);
            session.Console.MarkupLine("[grey]watching your record (Ctrl+C to stop)…[/]");
            var seen = 0;
            while (await stream.ResponseStream.MoveNext(session.CancellationToken))
            {
                TalentView.Render(session.Console, stream.ResponseStream.Current);
                if (++seen == limit)
                    break;
            }
        }, count);
    }

    private static Command UpdateContact(CliContext cli)
    {
        var talent = CommonOptions.Talent();
        var phone = new Option<string>("--phone") { Description = "The new mobile number", Required = true };
        var etag = new Option<string?>("--etag") { Description = "The etag the change is based on (refused when stale)" };
        return cli.Command("update-contact", "Change a talent's phone number.", Caller.Applicant, async (session, parsed) =>
        {
            var updated = await session.Mesh.Talents.UpdateContactAsync(new UpdateContactRequest
            {
                TalentId = session.TalentId(parsed.GetValue(talent)),
                Phone = parsed.GetRequiredValue(phone),
                Etag = parsed.GetValue(etag) ?? "",
            }, await session.Registration());
            TalentView.Render(session.Console, updated);
        }, talent, phone, etag);
    }
}

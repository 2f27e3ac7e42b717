using System.CommandLine;
using Spectre.Console;
using TalentMesh.Cli.Connection;
using TalentMesh.Contracts.Registration.V1;

namespace TalentMesh.Cli.TalentCodes;

/// <summary><c>talentmesh codes issue | show | verify | revoke | keys</c>: the signed talent code (人才码) and its QR.</summary>
public static class TalentCodeCommands
{
    public static Command Create(CliContext cli) => new("codes", "Talent codes: issue, show with the QR, verify as a scanner, public keys.")
    {
        Issue(cli),
        Show(cli),
        Verify(cli),
        Revoke(cli),
        Keys(cli),
    };

    private static Command Issue(CliContext cli)
    {
        var talent = CommonOptions.Talent();
        return cli.Command("issue", "Issue a code for a talent holding a tier (replaces the previous one).", Caller.Applicant, async (session, parsed) =>
        {
            var code = await session.Mesh.Codes.IssueTalentCodeAsync(new IssueTalentCodeRequest
            {
                TalentId = session.TalentId(parsed.GetValue(talent)),
                IdempotencyKey = Guid.NewGuid().ToString(),
            }, await session.Registration());
            Render(session.Console, code, drawQr: false);
        }, talent);
    }

    private static Command Show(CliContext cli)
    {
        var talent = CommonOptions.Talent();
        var noQr = new Option<bool>("--no-qr") { Description = "Print the payload only" };
        return cli.Command("show", "The active code with a fresh display token, its QR drawn in the terminal.", Caller.Applicant, async (session, parsed) =>
        {
            var code = await session.Mesh.Codes.GetTalentCodeAsync(new GetTalentCodeRequest { TalentId = session.TalentId(parsed.GetValue(talent)) }, await session.Registration());
            Render(session.Console, code, drawQr: !parsed.GetValue(noQr));
        }, talent, noQr);
    }

    private static Command Verify(CliContext cli)
    {
        var payload = CommonOptions.Id("payload", "The scanned QR payload (TM1:…) or the raw token");
        return cli.Command("verify", "Scanner: verify a code online (signature, expiry, revocation).", Caller.Scanner, async (session, parsed) =>
        {
            var result = await session.Mesh.Codes.VerifyTalentCodeAsync(new VerifyTalentCodeRequest { QrPayload = parsed.GetRequiredValue(payload) }, await session.Registration());
            RenderVerification(session.Console, result);
            return result.Valid ? ExitCodes.Ok : ExitCodes.Failed;
        }, payload);
    }

    private static Command Revoke(CliContext cli)
    {
        var talent = CommonOptions.Talent();
        var serial = new Option<string?>("--serial") { Description = "The serial to revoke (default: the active code)" };
        var reason = new Option<string?>("--reason") { Description = "Why (e.g. lost device)" };
        return cli.Command("revoke", "Revoke a talent's code (applicant: lost device; admin).", Caller.Applicant, async (session, parsed) =>
        {
            var revoked = await session.Mesh.Codes.RevokeTalentCodeAsync(new RevokeTalentCodeRequest
            {
                TalentId = session.TalentId(parsed.GetValue(talent)),
                CodeSerial = parsed.GetValue(serial) ?? "",
                Reason = parsed.GetValue(reason) ?? "",
            }, await session.Registration());
            session.Console.MarkupLineInterpolated($"revoked [bold]{revoked.CodeSerial}[/] at {Display.Of(revoked.RevokedAt)}");
        }, talent, serial, reason);
    }

    private static Command Keys(CliContext cli) =>
        cli.Command("keys", "The public keys offline verifiers check codes with.", Caller.Scanner, async (session, _) =>
        {
            var response = await session.Mesh.Codes.ListPublicKeysAsync(new ListPublicKeysRequest { PageSize = 100 }, await session.Registration());
            var table = new Table().Border(TableBorder.Rounded).Title("talent-code signing keys")
                .AddColumn("key id").AddColumn("algorithm").AddColumn("status").AddColumn("not before").AddColumn("not after").AddColumn("public key (SPKI, base64)");
            foreach (var key in response.Keys)
                table.AddRow(Markup.Escape(key.KeyId), key.Algorithm, Display.Kebab(key.Status), Display.Of(key.NotBefore), Display.Of(key.NotAfter),
                    Convert.ToBase64String(key.PublicKeySpki.ToByteArray()));
            session.Console.Write(table);
        });

    public static void Render(IAnsiConsole console, TalentCode code, bool drawQr)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"talent code of {Markup.Escape(code.TalentId)}").HideHeaders()
            .AddColumn("field").AddColumn("value");
        void Row(string field, string value) => table.AddRow(new Markup($"[grey]{field}[/]"), new Text(value));
        Row("serial", code.CodeSerial);
        Row("tier", Display.Of(code.Tier));
        Row("status", Display.Kebab(code.Status));
        Row("key id", code.KeyId);
        Row("issued", Display.Of(code.IssuedAt));
        Row("display token expires", Display.Of(code.TokenExpiresAt));
        Row("code valid until", Display.Of(code.CodeValidUntil));
        console.Write(table);
        if (drawQr && code.QrPayload.Length > 0)
        {
            console.Write(new Text(QrTerminal.Draw(code.QrPayload)));
            console.WriteLine();
        }
        console.Write(new Text("payload: " + code.QrPayload + "\n") { Overflow = Overflow.Fold });
    }

    public static void RenderVerification(IAnsiConsole console, VerifyTalentCodeResponse result)
    {
        console.MarkupLine(result.Valid ? "[green bold]✓ VALID[/]" : $"[red bold]✗ {Markup.Escape(Display.Kebab(result.Result).ToUpperInvariant())}[/]");
        if (result.TalentId.Length > 0)
            console.MarkupLineInterpolated($"  talent {result.TalentId} ({result.FullNameMasked}), tier {Display.Of(result.Tier)}, serial {result.CodeSerial}, token expires {Display.Of(result.TokenExpiresAt)}");
    }
}

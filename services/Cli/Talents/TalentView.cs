using Spectre.Console;
using TalentMesh.Cli.Connection;
using TalentMesh.Contracts.Registration.V1;

namespace TalentMesh.Cli.Talents;

/// <summary>A talent as a two-column table (personal numbers are masked by the service).</summary>
public static class TalentView
{
    public static void Render(IAnsiConsole console, Talent talent)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"talent {Markup.Escape(talent.TalentId)}").HideHeaders()
            .AddColumn("field").AddColumn("value");
        void Row(string field, string value) => table.AddRow(new Markup($"[grey]{field}[/]"), new Text(value));
        Row("name", talent.FullName);
        Row("document", $"{Display.Kebab(talent.IdentityDocumentType)} {talent.IdentityNumberMasked}");
        Row("birth date", Display.Of(talent.BirthDate));
        Row("gender", Display.Kebab(talent.Gender));
        Row("phone", talent.PhoneMasked);
        Row("employer", talent.EmployerCreditCode);
        Row("status", Display.Kebab(talent.Status));
        Row("tier", Display.Of(talent.Tier));
        Row("certified until", Display.Of(talent.CertificationValidUntil));
        Row("registered", Display.Of(talent.RegisteredAt));
        Row("etag", talent.Etag);
        console.Write(table);
    }
}

using Google.Protobuf;
using Spectre.Console;
using TalentMesh.Cli.Connection;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Registration.V1;

namespace TalentMesh.Cli.Credentials;

/// <summary>Credentials as table rows: id, type, status, the typed attributes, reference, review.</summary>
public static class CredentialView
{
    public static Table Table(string title) => new Table().Border(TableBorder.Rounded).Title(title)
        .AddColumn("credential").AddColumn("talent").AddColumn("type").AddColumn("status").AddColumn("attributes")
        .AddColumn("reference").AddColumn("submitted").AddColumn("review");

    public static void AddRow(Table table, Credential credential) => table.AddRow(
        new Text(credential.CredentialId), new Text(credential.TalentId), new Text(Display.Kebab(credential.CredentialType)),
        new Markup(Status(credential.Status)), new Text(Attributes(credential.Attributes)), new Text(credential.VerificationReference),
        new Text(Display.Of(credential.SubmittedAt)), new Text(Review(credential)));

    public static void Render(IAnsiConsole console, Credential credential)
    {
        var table = Table($"credential {Markup.Escape(credential.CredentialId)}");
        AddRow(table, credential);
        console.Write(table);
    }

    /// <summary>One page of a credential list, then the hint for the next page.</summary>
    public static void RenderPage(Session session, string title, IEnumerable<Credential> credentials, string nextPageToken)
    {
        var table = Table(title);
        foreach (var credential in credentials)
            AddRow(table, credential);
        session.Console.Write(table);
        session.WriteNextPageHint(nextPageToken);
    }

    public static string Status(CredentialStatus status) => status switch
    {
        CredentialStatus.Verified => "[green]verified[/]",
        CredentialStatus.Rejected => "[red]rejected[/]",
        CredentialStatus.Revoked => "[red]revoked[/]",
        _ => $"[yellow]{Display.Kebab(status)}[/]",
    };

    /// <summary>The case's fields in proto JSON, without the wrapper: {"level":"EDUCATION_LEVEL_MASTER",…}.</summary>
    public static string Attributes(CredentialAttributes? attributes)
    {
        if (attributes is null || attributes.KindCase == CredentialAttributes.KindOneofCase.None)
            return "—";
        var field = CredentialAttributes.Descriptor.FindFieldByNumber((int)attributes.KindCase);
        return JsonFormatter.Default.Format((IMessage)field.Accessor.GetValue(attributes));
    }

    private static string Review(Credential credential) => credential.ReviewedBy.Length == 0
        ? "—"
        : $"{credential.ReviewedBy} {Display.Of(credential.ReviewedAt)}{(credential.Reason.Length > 0 ? $": {credential.Reason}" : "")}{(credential.Fraud ? " (fraud)" : "")}";
}

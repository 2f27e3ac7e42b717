using System.Text;
using Google.Rpc;
using Grpc.Core;
using Spectre.Console;

namespace TalentMesh.Cli.Connection;

/// <summary>
/// Prints a refused call precisely: the gRPC status code and message, then every detail the services attach —
/// each field violation of google.rpc.BadRequest, the ErrorInfo reason, precondition and quota failures.
/// </summary>
public static class RpcErrors
{
    public static void Render(IAnsiConsole console, RpcException error)
    {
        console.MarkupLineInterpolated($"[red bold]✗ {StatusName(error.StatusCode)}[/] {error.Status.Detail}");
        var status = error.GetRpcStatus();
        if (status is null)
            return;
        if (status.GetDetail<BadRequest>() is { FieldViolations.Count: > 0 } badRequest)
        {
            var table = new Table().Border(TableBorder.Rounded).AddColumn("field").AddColumn("problem");
            foreach (var violation in badRequest.FieldViolations)
                table.AddRow(Markup.Escape(violation.Field), Markup.Escape(violation.Description));
            console.Write(table);
        }
        if (status.GetDetail<ErrorInfo>() is { } info)
            console.MarkupLineInterpolated($"  reason: [yellow]{info.Reason}[/]{(info.Metadata.Count > 0 ? " " + string.Join(", ", info.Metadata.Select(entry => $"{entry.Key}={entry.Value}")) : "")}");
        if (status.GetDetail<PreconditionFailure>() is { } precondition)
            foreach (var violation in precondition.Violations)
                console.MarkupLineInterpolated($"  precondition [yellow]{violation.Type}[/] {violation.Subject}: {violation.Description}");
        if (status.GetDetail<QuotaFailure>() is { } quota)
            foreach (var violation in quota.Violations)
                console.MarkupLineInterpolated($"  quota {violation.Subject}: {violation.Description}");
    }

    /// <summary>The canonical upper-case name, as the gRPC documentation writes it: InvalidArgument → INVALID_ARGUMENT.</summary>
    public static string StatusName(StatusCode code)
    {
        if (code == StatusCode.OK)
            return "OK";
        var name = code.ToString();
        var text = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
                text.Append('_');
            text.Append(char.ToUpperInvariant(name[i]));
        }
        return text.ToString();
    }
}

using Spectre.Console;
using System.CommandLine;

namespace TalentMesh.Cli.Connection;

/// <summary><c>talentmesh token --role hr --subject hr-1</c>: prints a development token (Development mesh only).</summary>
public static class TokenCommand
{
    public static Command Create(CliContext cli)
    {
        var role = new Option<string>("--role") { Description = "applicant, hr, policy_officer, scanner or admin", Required = true };
        var subject = new Option<string?>("--subject") { Description = "The token subject (an applicant's talent id); officers default to <role>-1" };
        var lifetime = new Option<int?>("--lifetime-minutes") { Description = "Default 60, at most 1440" };
        var service = new Option<MeshService>("--from") { Description = "The service that mints it (any: they share the Development key)", DefaultValueFactory = _ => MeshService.Registration };
        return cli.Command("token", "Print a development token from the mesh's POST /dev/tokens.", Caller.Admin, async (session, parsed) =>
        {
            var caller = Caller.Parse($"{parsed.GetRequiredValue(role)}:{parsed.GetValue(subject)}");
            var minted = await session.Mesh.Tokens.MintAsync(session.Mesh.Addresses[parsed.GetValue(service)].Http, caller,
                parsed.GetValue(lifetime), session.CancellationToken);
            // The bare token on its own line, so `$(talentmesh token …)` works; nothing else is printed.
            session.Console.Profile.Width = Math.Max(session.Console.Profile.Width, minted.Token.Length + 1);
            session.Console.WriteLine(minted.Token);
        }, role, subject, lifetime, service);
    }
}

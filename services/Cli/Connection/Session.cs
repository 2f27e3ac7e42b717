using Grpc.Core;
using Spectre.Console;

namespace TalentMesh.Cli.Connection;

/// <summary>What a command runs with: the console, the mesh, who it calls as, and the run's cancellation.</summary>
public sealed class Session(IAnsiConsole console, Mesh mesh, Caller caller, CancellationToken cancellationToken)
{
    public IAnsiConsole Console { get; } = console;

    public Mesh Mesh { get; } = mesh;

    public Caller Caller { get; } = caller;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public Task<CallOptions> Registration(Caller? @as = null) => Mesh.CallAsync(MeshService.Registration, @as ?? Caller, CancellationToken);

    public Task<CallOptions> Evaluation(Caller? @as = null) => Mesh.CallAsync(MeshService.Evaluation, @as ?? Caller, CancellationToken);

    public Task<CallOptions> Redemption(Caller? @as = null) => Mesh.CallAsync(MeshService.Redemption, @as ?? Caller, CancellationToken);

    /// <summary>The talent a command is about: the given id, else the applicant's own (their subject).</summary>
    public string TalentId(string? given)
    {
        if (!string.IsNullOrWhiteSpace(given))
            return given.Trim();
        if (Caller.Role == Connection.Caller.Applicant && Caller.Subject.Length > 0)
            return Caller.Subject;
        throw new CliException("which talent? pass --talent <talent-id> (or act as the applicant: --as applicant:<talent-id>)");
    }

    /// <summary>After a page of a list: how to ask for the next one, when there is one.</summary>
    public void WriteNextPageHint(string nextPageToken)
    {
        if (nextPageToken.Length > 0)
            Console.MarkupLineInterpolated($"[grey]more: --page-token {nextPageToken}[/]");
    }
}

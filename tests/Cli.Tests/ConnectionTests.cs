using Grpc.Core;
using Grpc.Net.Client;
using TalentMesh.Cli.Connection;
using TalentMesh.Cli.Tests.Support;
using TalentMesh.Contracts.Registration.V1;

namespace TalentMesh.Cli.Tests;

/// <summary>Tokens, callers, addresses and exit codes: what every command shares.</summary>
public sealed class ConnectionTests(MeshFixture mesh)
{
    [Fact]
    public async Task Token_AgainstDevelopmentMesh_PrintsATokenTheServicesAccept()
    {
        var result = await mesh.RunAsync("token", "--role", "hr", "--subject", "hr-7");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var token = result.Output.Trim();
        Assert.Equal(3, token.Split('.').Length);
        using var channel = GrpcChannel.ForAddress(mesh.Registration.GrpcAddress);
        var queue = await new CredentialService.CredentialServiceClient(channel).ListPendingCredentialsAsync(new ListPendingCredentialsRequest(),
            new CallOptions(new Metadata { { "Authorization", $"Bearer {token}" } }, DateTime.UtcNow.AddSeconds(10)));
        Assert.NotNull(queue);
    }

    [Fact]
    public async Task Token_WithUnknownRole_FailsNamingTheRoles()
    {
        var result = await mesh.RunAsync("token", "--role", "superuser");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("unknown role 'superuser'", result.Output);
        Assert.Contains("policy_officer", result.Output);
    }

    [Fact]
    public async Task ApplicantCommand_WithoutSubject_AsksForTheTalentId()
    {
        var result = await mesh.RunAsync("talents", "show", "--as", "applicant");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--as applicant:<talent-id>", result.Output);
    }

    [Fact]
    public async Task Command_AgainstAnAddressNobodyListensOn_ExitsUnreachable()
    {
        var closed = $"http://127.0.0.1:{TalentMesh.Testing.LoopbackPorts.FindFree()}";

        var result = await mesh.RunAsync("talents", "show", "--as", "applicant:t-1", "--registration", closed, "--registration-http", closed);

        Assert.Equal(ExitCodes.Unreachable, result.ExitCode);
        Assert.Contains("cannot reach", result.Output);
    }

    [Fact]
    public async Task BadOptionValue_IsAUsageErrorNamingTheAllowedValues()
    {
        var result = await mesh.RunAsync("credentials", "list", "--as", "hr", "--talent", "x", "--status", "approved");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("'approved' is not one of submitted, verified, rejected, revoked", result.Output);
    }

    [Fact]
    public async Task FixedToken_IsUsedInsteadOfMinting()
    {
        var result = await mesh.RunAsync("credentials", "queue", "--token", "not-a-jwt");

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("UNAUTHENTICATED", result.Output);
    }
}

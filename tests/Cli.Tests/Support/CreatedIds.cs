using Grpc.Core;
using Grpc.Net.Client;
using TalentMesh.Contracts.Registration.V1;
using TalentMesh.Testing;

namespace TalentMesh.Cli.Tests.Support;

/// <summary>Reads what the client created straight from the service (ids a test then passes back to the client).</summary>
public static class CreatedIds
{
    public static async Task<string> CredentialIdAsync(MeshFixture mesh, string talentId)
    {
        using var channel = GrpcChannel.ForAddress(mesh.Registration.GrpcAddress);
        var listed = await new CredentialService.CredentialServiceClient(channel).ListCredentialsAsync(
            new ListCredentialsRequest { TalentId = talentId }, ServiceHost<object>.Call(mesh.Registration.Token("hr", "hr-1")));
        return Assert.Single(listed.Credentials).CredentialId;
    }
}

using Grpc.Core;
using TalentMesh.BackOffice.BrowserTests.Mesh;
using TalentMesh.Contracts.Evaluation.V1;
using TalentMesh.Contracts.Registration.V1;
using TalentMesh.ServiceDefaults.Security;
using TalentMesh.Testing;

namespace TalentMesh.BackOffice.BrowserTests.Seeding;

/// <summary>What staff do through the API when a test needs it as a precondition rather than as the thing it tests.</summary>
public static class Officials
{
    public static Task<Credential> VerifyAsync(ConsoleMesh mesh, Credential credential) =>
        new CredentialService.CredentialServiceClient(mesh.Registration).VerifyCredentialAsync(
            new VerifyCredentialRequest { CredentialId = credential.CredentialId }, mesh.Call(Roles.Hr, "hr-seed")).ResponseAsync;

    /// <summary>Waits until Evaluation holds a score for the talent that satisfies <paramref name="done"/>.</summary>
    public static async Task<Score> ScoreAsync(ConsoleMesh mesh, string talentId, Func<Score, bool> done)
    {
        var scores = new ScoreService.ScoreServiceClient(mesh.Evaluation);
        Score? score = null;
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                score = await scores.GetScoreAsync(new GetScoreRequest { TalentId = talentId }, mesh.Call(Roles.Admin, "admin-seed"));
                return done(score);
            }
            catch (RpcException exception) when (exception.StatusCode == StatusCode.NotFound)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(30), $"Evaluation did not reach the expected score for {talentId} (last: {score})");
        return score!;
    }
}

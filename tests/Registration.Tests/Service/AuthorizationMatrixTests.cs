using Grpc.Core;
using TalentMesh.Contracts.Registration.V1;
using TalentMesh.ServiceDefaults.Security;
using TalentMesh.Testing;

namespace TalentMesh.Registration.Tests.Service;

/// <summary>Every Registration RPC, called by every role and anonymously, against the roles docs/contracts.md lists.</summary>
public sealed class AuthorizationMatrixTests(RedisServerFixture redis)
{
    private const string Anonymous = ContractsTable.Anonymous;

    [Fact]
    public async Task EveryRpc_EveryRoleAndAnonymous_AllowedExactlyAsDocumented()
    {
        await using var host = await RegistrationHost.StartAsync(redis, TestKeys.Prefix());
        var table = ContractsTable.Read("Registration");
        var calls = Calls(host);
        Assert.Equal(table.Keys.Order(), calls.Keys.Order());

        var mismatches = new List<string>();
        foreach (var (rpc, allowed) in table)
        {
            foreach (var role in Roles.All.Append(Anonymous))
            {
                var options = role == Anonymous ? ServiceHost<Program>.Call() : host.As(role, "subject-" + role);
                var status = await StatusOf(() => calls[rpc](options));
                var denied = status is StatusCode.PermissionDenied or StatusCode.Unauthenticated;
                var expectedAllowed = allowed.Contains(role) || allowed.Contains(Anonymous);
                if (denied == expectedAllowed)
                    mismatches.Add($"{rpc} as {role}: {status}");
                if (denied && role == Anonymous && status != StatusCode.Unauthenticated)
                    mismatches.Add($"{rpc} anonymously: {status}, expected Unauthenticated");
            }
        }
        Assert.Empty(mismatches);
    }

    /// <summary>Each RPC with an empty request: authorization runs before validation, so the status tells allow from deny.</summary>
    private static Dictionary<string, Func<CallOptions, Task>> Calls(RegistrationHost host) => new()
    {
        ["TalentService.RegisterTalent"] = async o => await host.Talents.RegisterTalentAsync(new(), o),
        ["TalentService.GetTalent"] = async o => await host.Talents.GetTalentAsync(new(), o),
        ["TalentService.GetMyTalent"] = async o => await host.Talents.GetMyTalentAsync(new(), o),
        ["TalentService.WatchMyTalent"] = async o =>
        {
            using var watch = host.Talents.WatchMyTalent(new(), o);
            await watch.ResponseStream.MoveNext(CancellationToken.None);
        },
        ["TalentService.UpdateContact"] = async o => await host.Talents.UpdateContactAsync(new(), o),
        ["CredentialService.SubmitCredential"] = async o => await host.Credentials.SubmitCredentialAsync(new(), o),
        ["CredentialService.GetCredential"] = async o => await host.Credentials.GetCredentialAsync(new(), o),
        ["CredentialService.ListCredentials"] = async o => await host.Credentials.ListCredentialsAsync(new(), o),
        ["CredentialService.ListPendingCredentials"] = async o => await host.Credentials.ListPendingCredentialsAsync(new(), o),
        ["CredentialService.VerifyCredential"] = async o => await host.Credentials.VerifyCredentialAsync(new(), o),
        ["CredentialService.RejectCredential"] = async o => await host.Credentials.RejectCredentialAsync(new(), o),
        ["CredentialService.RevokeCredential"] = async o => await host.Credentials.RevokeCredentialAsync(new(), o),
        ["TalentCodeService.IssueTalentCode"] = async o => await host.Codes.IssueTalentCodeAsync(new(), o),
        ["TalentCodeService.GetTalentCode"] = async o => await host.Codes.GetTalentCodeAsync(new(), o),
        ["TalentCodeService.VerifyTalentCode"] = async o => await host.Codes.VerifyTalentCodeAsync(new(), o),
        ["TalentCodeService.RevokeTalentCode"] = async o => await host.Codes.RevokeTalentCodeAsync(new(), o),
        ["TalentCodeService.ListPublicKeys"] = async o => await host.Codes.ListPublicKeysAsync(new(), o),
        ["TalentCodeService.GetRevocationList"] = async o => await host.Codes.GetRevocationListAsync(new(), o),
        ["AuditService.ListAuditEntries"] = async o => await host.Audit.ListAuditEntriesAsync(new(), o),
    };

    private static async Task<StatusCode> StatusOf(Func<Task> call)
    {
        try
        {
            await call();
            return StatusCode.OK;
        }
        catch (RpcException failure)
        {
            return failure.StatusCode;
        }
    }
}

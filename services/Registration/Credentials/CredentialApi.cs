using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using TalentMesh.Contracts.Registration.V1;
using TalentMesh.Registration.Security;

namespace TalentMesh.Registration.Credentials;

/// <summary>CredentialService: thin gRPC mapping over <see cref="CredentialDesk"/> and <see cref="CredentialQueries"/>.</summary>
public sealed class CredentialApi(CredentialDesk desk, CredentialQueries queries) : CredentialService.CredentialServiceBase
{
    [Authorize(Roles = RoleSets.Applicant)]
    public override Task<Credential> SubmitCredential(SubmitCredentialRequest request, ServerCallContext context) =>
        desk.SubmitAsync(Caller.From(context), request, context.CancellationToken);

    [Authorize(Roles = RoleSets.ApplicantHrAdmin)]
    public override Task<Credential> GetCredential(GetCredentialRequest request, ServerCallContext context) =>
        queries.GetAsync(Caller.From(context), request, context.CancellationToken);

    [Authorize(Roles = RoleSets.ApplicantHrAdmin)]
    public override Task<ListCredentialsResponse> ListCredentials(ListCredentialsRequest request, ServerCallContext context) =>
        queries.ListAsync(Caller.From(context), request, context.CancellationToken);

    [Authorize(Roles = RoleSets.Hr)]
    public override Task<ListPendingCredentialsResponse> ListPendingCredentials(ListPendingCredentialsRequest request, ServerCallContext context) =>
        queries.ListPendingAsync(request, context.CancellationToken);

    [Authorize(Roles = RoleSets.Hr)]
    public override Task<Credential> VerifyCredential(VerifyCredentialRequest request, ServerCallContext context) =>
        desk.DecideAsync(Caller.From(context), CredentialDecision.Verify(request), context.CancellationToken);

    [Authorize(Roles = RoleSets.Hr)]
    public override Task<Credential> RejectCredential(RejectCredentialRequest request, ServerCallContext context) =>
        desk.DecideAsync(Caller.From(context), CredentialDecision.Reject(request), context.CancellationToken);

    [Authorize(Roles = RoleSets.HrAdmin)]
    public override Task<Credential> RevokeCredential(RevokeCredentialRequest request, ServerCallContext context) =>
        desk.DecideAsync(Caller.From(context), CredentialDecision.Revoke(request), context.CancellationToken);
}

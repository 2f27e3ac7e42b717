using Grpc.Core;
using TalentMesh.Contracts.Registration.V1;

namespace TalentMesh.BackOffice.Tests.Fakes;

/// <summary>The generated CredentialService client with each call answered by a test's function.</summary>
public sealed class FakeCredentialClient : CredentialService.CredentialServiceClient
{
    public List<ListPendingCredentialsRequest> ListRequests { get; } = [];
    public List<RejectCredentialRequest> RejectRequests { get; } = [];
    public List<RevokeCredentialRequest> RevokeRequests { get; } = [];
    public List<VerifyCredentialRequest> VerifyRequests { get; } = [];

    public Func<ListPendingCredentialsRequest, ListPendingCredentialsResponse> OnList { get; set; } = _ => throw FakeCall.Unimplemented("ListPendingCredentials");
    public Func<GetCredentialRequest, Credential> OnGet { get; set; } = _ => throw FakeCall.Unimplemented("GetCredential");
    public Func<VerifyCredentialRequest, Credential> OnVerify { get; set; } = _ => throw FakeCall.Unimplemented("VerifyCredential");
    public Func<RejectCredentialRequest, Credential> OnReject { get; set; } = _ => throw FakeCall.Unimplemented("RejectCredential");
    public Func<RevokeCredentialRequest, Credential> OnRevoke { get; set; } = _ => throw FakeCall.Unimplemented("RevokeCredential");

    public override AsyncUnaryCall<ListPendingCredentialsResponse> ListPendingCredentialsAsync(ListPendingCredentialsRequest request, CallOptions options)
    {
        ListRequests.Add(request);
        return FakeCall.From(() => OnList(request));
    }

    public override AsyncUnaryCall<Credential> GetCredentialAsync(GetCredentialRequest request, CallOptions options) => FakeCall.From(() => OnGet(request));

    public override AsyncUnaryCall<Credential> VerifyCredentialAsync(VerifyCredentialRequest request, CallOptions options)
    {
        VerifyRequests.Add(request);
        return FakeCall.From(() => OnVerify(request));
    }

    public override AsyncUnaryCall<Credential> RejectCredentialAsync(RejectCredentialRequest request, CallOptions options)
    {
        RejectRequests.Add(request);
        return FakeCall.From(() => OnReject(request));
    }

    public override AsyncUnaryCall<Credential> RevokeCredentialAsync(RevokeCredentialRequest request, CallOptions options)
    {
        RevokeRequests.Add(request);
        return FakeCall.From(() => OnRevoke(request));
    }
}

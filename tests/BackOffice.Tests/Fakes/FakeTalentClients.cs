using Grpc.Core;
using TalentMesh.Contracts.Registration.V1;

namespace TalentMesh.BackOffice.Tests.Fakes;

public sealed class FakeTalentClient : TalentService.TalentServiceClient
{
    public Func<GetTalentRequest, Talent> OnGet { get; set; } = _ => throw FakeCall.Unimplemented("GetTalent");

    public override AsyncUnaryCall<Talent> GetTalentAsync(GetTalentRequest request, CallOptions options) => FakeCall.From(() => OnGet(request));
}

public sealed class FakeTalentCodeClient : TalentCodeService.TalentCodeServiceClient
{
    public List<VerifyTalentCodeRequest> VerifyRequests { get; } = [];

    public Func<VerifyTalentCodeRequest, VerifyTalentCodeResponse> OnVerify { get; set; } = _ => throw FakeCall.Unimplemented("VerifyTalentCode");

    public override AsyncUnaryCall<VerifyTalentCodeResponse> VerifyTalentCodeAsync(VerifyTalentCodeRequest request, CallOptions options)
    {
        VerifyRequests.Add(request);
        return FakeCall.From(() => OnVerify(request));
    }
}

public sealed class FakeAuditClient : AuditService.AuditServiceClient
{
    public Func<ListAuditEntriesRequest, ListAuditEntriesResponse> OnList { get; set; } = _ => throw FakeCall.Unimplemented("ListAuditEntries");

    public override AsyncUnaryCall<ListAuditEntriesResponse> ListAuditEntriesAsync(ListAuditEntriesRequest request, CallOptions options) => FakeCall.From(() => OnList(request));
}

using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using TalentMesh.Contracts.Registration.V1;
using TalentMesh.Registration.Paging;
using TalentMesh.Registration.Security;
using TalentMesh.Registration.Validation;

namespace TalentMesh.Registration.TalentCodes;

/// <summary>TalentCodeService: thin gRPC mapping over <see cref="CodeDesk"/>, <see cref="CodeVerifier"/> and the key ring.</summary>
public sealed class TalentCodeApi(CodeDesk desk, CodeVerifier verifier, SigningKeyRing keys, RevocationListSigner revocations)
    : TalentCodeService.TalentCodeServiceBase
{
    [Authorize(Roles = RoleSets.ApplicantAdmin)]
    public override Task<TalentCode> IssueTalentCode(IssueTalentCodeRequest request, ServerCallContext context) =>
        desk.IssueAsync(Caller.From(context), request, context.CancellationToken);

    [Authorize(Roles = RoleSets.Applicant)]
    public override Task<TalentCode> GetTalentCode(GetTalentCodeRequest request, ServerCallContext context) =>
        desk.GetAsync(Caller.From(context), request, context.CancellationToken);

    [Authorize(Roles = RoleSets.ScannerAdmin)]
    [EnableRateLimiting(RateLimitOptions.CodeVerification)]
    public override Task<VerifyTalentCodeResponse> VerifyTalentCode(VerifyTalentCodeRequest request, ServerCallContext context) =>
        verifier.VerifyAsync(request, context.CancellationToken);

    [Authorize(Roles = RoleSets.ApplicantAdmin)]
    public override Task<RevokeTalentCodeResponse> RevokeTalentCode(RevokeTalentCodeRequest request, ServerCallContext context) =>
        desk.RevokeAsync(Caller.From(context), request, context.CancellationToken);

    [AllowAnonymous]
    public override Task<ListPublicKeysResponse> ListPublicKeys(ListPublicKeysRequest request, ServerCallContext context)
    {
        var violations = new Violations();
        var token = PageToken.Read(request.PageToken, "keys", violations);
        violations.ThrowIfAny();
        var offset = token is null ? 0 : int.TryParse(token.Cursor, out var parsed) && parsed >= 0 ? parsed : 0;
        var size = PageToken.Size(request.PageSize);
        var all = keys.All.ToList();
        var response = new ListPublicKeysResponse();
        response.Keys.Add(all.Skip(offset).Take(size).Select(key => new PublicKey
        {
            KeyId = key.KeyId,
            Algorithm = "ES256",
            PublicKeySpki = ByteString.CopyFrom(key.Key.ExportSubjectPublicKeyInfo()),
            Status = key.Active ? PublicKeyStatus.Active : PublicKeyStatus.Retired,
            NotBefore = key.NotBefore is { } from ? Timestamp.FromDateTimeOffset(from) : null,
            NotAfter = key.NotAfter is { } until ? Timestamp.FromDateTimeOffset(until) : null,
        }));
        if (offset + size < all.Count)
            response.NextPageToken = PageToken.Write((offset + size).ToString(System.Globalization.CultureInfo.InvariantCulture), "keys");
        return Task.FromResult(response);
    }

    [AllowAnonymous]
    public override Task<RevocationList> GetRevocationList(GetRevocationListRequest request, ServerCallContext context) =>
        revocations.CurrentAsync(context.CancellationToken);
}

using Google.Protobuf.WellKnownTypes;
using TalentMesh.Contracts.Events.V1;
using TalentMesh.Contracts.Registration.V1;
using TalentMesh.Registration.Identity;
using TalentMesh.Registration.Talents;
using TalentMesh.Registration.Tiers;
using TalentMesh.Registration.Validation;
using TalentMesh.ServiceDefaults.Redis;

namespace TalentMesh.Registration.TalentCodes;

/// <summary>
/// Online verification at a service point: signature and key first (offline-verifiable), then expiry, the serial's
/// revocation and whether the talent still holds the tier. A failing code is an answer, not an error.
/// </summary>
public sealed class CodeVerifier(CodeTokenCodec codec, TalentCodeStore codes, TierStore tiers, TalentStore talents,
    RedisReader reader, TimeProvider time)
{
    /// <summary>A Base45 QR payload of a token is a few hundred characters; anything far longer is not ours.</summary>
    public const int MaxPayloadLength = 2048;

    public async Task<VerifyTalentCodeResponse> VerifyAsync(VerifyTalentCodeRequest request, CancellationToken cancellationToken)
    {
        var violations = new Violations();
        if (string.IsNullOrWhiteSpace(request.QrPayload))
            violations.Add("qr_payload", "is required");
        else if (request.QrPayload.Length > MaxPayloadLength)
            violations.Add("qr_payload", $"must be at most {MaxPayloadLength} characters");
        violations.ThrowIfAny();

        var now = time.GetUtcNow();
        var response = new VerifyTalentCodeResponse { VerifiedAt = Timestamp.FromDateTimeOffset(now) };
        var (result, token) = codec.Verify(request.QrPayload);
        if (token is null)
            return Answer(response, result);
        var claims = token.Claims;
        response.TalentId = claims.TalentId;
        response.Tier = claims.Tier;
        response.CodeSerial = claims.Serial;
        response.TokenExpiresAt = Timestamp.FromDateTimeOffset(claims.ExpiresAt);
        if (claims.ExpiresAt <= now)
            return Answer(response, VerificationResult.Expired);
        // The three reads are independent: issued together they cost one round trip and one pass through the
        // resilience pipeline; the talent is read without its encrypted numbers, which verification never needs.
        var (serial, standing, talent) = await reader.ReadAsync(async db =>
        {
            var serialRead = codes.ReadAsync(db, claims.Serial);
            var standingRead = tiers.ReadAsync(db, claims.TalentId);
            var talentRead = talents.ReadTalentAsync(db, claims.TalentId);
            return (await serialRead, await standingRead, await talentRead);
        }, cancellationToken);
        if (serial is null || serial.TalentId != claims.TalentId)
            return Answer(response, VerificationResult.Revoked);
        if (serial.Revoked)
            return Answer(response, serial.RevocationReason == TalentCodeRevocationReason.Superseded ? VerificationResult.Superseded : VerificationResult.Revoked);
        if (serial.ValidUntil <= now)
            return Answer(response, VerificationResult.Expired);
        if (talent is null || talent.Status != TalentStatus.Active || standing is null || !standing.Holds(now) || standing.Tier != claims.Tier)
            return Answer(response, VerificationResult.TalentSuspended);
        response.FullNameMasked = Masking.FullName(talent.FullName);
        return Answer(response, VerificationResult.Valid);
    }

    private static VerifyTalentCodeResponse Answer(VerifyTalentCodeResponse response, VerificationResult result)
    {
        response.Result = result;
        response.Valid = result == VerificationResult.Valid;
        return response;
    }
}

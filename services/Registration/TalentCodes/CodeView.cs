using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using TalentMesh.Contracts.Registration.V1;

namespace TalentMesh.Registration.TalentCodes;

/// <summary>Builds the TalentCode a holder sees: a freshly signed short-lived token from an active serial, with its QR code.</summary>
public sealed class CodeView(CodeTokenCodec codec, SigningKeyRing keys, Microsoft.Extensions.Options.IOptions<TalentCodeOptions> options)
{
    public TalentCode Of(CodeSerial serial, DateTimeOffset now)
    {
        var code = new TalentCode
        {
            TalentId = serial.TalentId,
            CodeSerial = serial.Serial,
            Tier = serial.Tier,
            IssuedAt = Timestamp.FromDateTimeOffset(serial.IssuedAt),
            CodeValidUntil = Timestamp.FromDateTimeOffset(serial.ValidUntil),
            Status = serial.Revoked ? TalentCodeStatus.Revoked : serial.ValidUntil <= now ? TalentCodeStatus.Expired : TalentCodeStatus.Active,
        };
        if (code.Status != TalentCodeStatus.Active)
            return code;
        // Whole seconds: the token carries epoch seconds, so the response states exactly what the token says.
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(Math.Min((now + options.Value.TokenLifetime).ToUnixTimeSeconds(), serial.ValidUntil.ToUnixTimeSeconds()));
        var token = codec.Sign(new CodeClaims(serial.Serial, serial.TalentId, serial.Tier, issuedAt, expiresAt));
        code.KeyId = keys.Active.KeyId;
        code.Token = System.Buffers.Text.Base64Url.EncodeToString(token);
        code.QrPayload = CodeTokenCodec.ToQrPayload(token);
        code.TokenExpiresAt = Timestamp.FromDateTimeOffset(expiresAt);
        var (svg, png) = QrImages.Render(code.QrPayload);
        code.QrSvg = svg;
        code.QrPng = ByteString.CopyFrom(png);
        return code;
    }
}

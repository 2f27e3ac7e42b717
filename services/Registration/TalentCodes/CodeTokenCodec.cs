using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Security.Cryptography.Cose;
using System.Text;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Registration.V1;

namespace TalentMesh.Registration.TalentCodes;

/// <summary>A token that parsed and whose signature checked out.</summary>
public sealed record VerifiedToken(string KeyId, CodeClaims Claims);

/// <summary>
/// The talent-code token, after the EU Digital COVID Certificate: a COSE_Sign1 (ES256, kid in the protected header)
/// over a CBOR map of CWT claims — sub (2) talent id, exp (4), iat (6), cti (7) code serial — and the private claim
/// -1 for the tier. The QR code carries "TM1:" + Base45 of the COSE bytes (alphanumeric mode).
/// </summary>
public sealed class CodeTokenCodec(SigningKeyRing keys)
{
    private const int Subject = 2, Expiry = 4, IssuedAt = 6, TokenId = 7, TierClaim = -1;

    public byte[] Sign(CodeClaims claims) => SignPayload(EncodeClaims(claims));

    /// <summary>COSE_Sign1 with the active key over any CBOR payload (the revocation list uses it too).</summary>
    public byte[] SignPayload(byte[] payload)
    {
        var active = keys.Active;
        var headers = new CoseHeaderMap { [CoseHeaderLabel.KeyIdentifier] = CoseHeaderValue.FromBytes(Encoding.UTF8.GetBytes(active.KeyId)) };
        return CoseSign1Message.SignEmbedded(payload, new CoseSigner(active.Key, HashAlgorithmName.SHA256, headers));
    }

    public static string ToQrPayload(byte[] token) => TalentCodeOptions.QrPrefix + SimpleBase.Base45.Default.Encode(token);

    /// <summary>Checks format, key and signature of a scanned payload (QR text or base64url token); the result says why not.</summary>
    public (VerificationResult Result, VerifiedToken? Token) Verify(string scanned)
    {
        if (Decode(scanned) is not { } message)
            return (VerificationResult.Malformed, null);
        if (!message.ProtectedHeaders.TryGetValue(CoseHeaderLabel.KeyIdentifier, out var kidHeader))
            return (VerificationResult.Malformed, null);
        string keyId;
        try
        {
            keyId = Encoding.UTF8.GetString(kidHeader.GetValueAsBytes());
        }
        catch (Exception exception) when (exception is InvalidOperationException or CborContentException)
        {
            return (VerificationResult.Malformed, null);
        }
        if (keys.Find(keyId) is not { } key)
            return (VerificationResult.UnknownKey, null);
        bool signatureValid;
        try
        {
            signatureValid = message.VerifyEmbedded(key.Key);
        }
        catch (Exception exception) when (exception is CryptographicException or InvalidOperationException)
        {
            return (VerificationResult.Malformed, null);
        }
        if (!signatureValid)
            return (VerificationResult.BadSignature, null);
        return DecodeClaims(message.Content!.Value) is { } claims
            ? (VerificationResult.Valid, new VerifiedToken(keyId, claims))
            : (VerificationResult.Malformed, null);
    }

    private static CoseSign1Message? Decode(string scanned)
    {
        var text = scanned.Trim();
        try
        {
            var bytes = text.StartsWith(TalentCodeOptions.QrPrefix, StringComparison.Ordinal)
                ? SimpleBase.Base45.Default.Decode(text.AsSpan(TalentCodeOptions.QrPrefix.Length))
                : System.Buffers.Text.Base64Url.DecodeFromChars(text);
            var message = CoseMessage.DecodeSign1(bytes);
            return message.Content is null ? null : message;
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException or ArgumentException or InvalidOperationException or CborContentException)
        {
            return null;
        }
    }

    private static byte[] EncodeClaims(CodeClaims claims)
    {
        var writer = new CborWriter(CborConformanceMode.Canonical);
        writer.WriteStartMap(5);
        writer.WriteInt32(Subject);
        writer.WriteTextString(claims.TalentId);
        writer.WriteInt32(Expiry);
        writer.WriteInt64(claims.ExpiresAt.ToUnixTimeSeconds());
        writer.WriteInt32(IssuedAt);
        writer.WriteInt64(claims.IssuedAt.ToUnixTimeSeconds());
        writer.WriteInt32(TokenId);
        writer.WriteTextString(claims.Serial);
        writer.WriteInt32(TierClaim);
        writer.WriteInt32((int)claims.Tier);
        writer.WriteEndMap();
        return writer.Encode();
    }

    private static CodeClaims? DecodeClaims(ReadOnlyMemory<byte> payload)
    {
        try
        {
            var reader = new CborReader(payload, CborConformanceMode.Lax);
            var count = reader.ReadStartMap();
            string? subject = null, serial = null;
            long? expiry = null, issuedAt = null;
            int? tier = null;
            for (var i = 0; i < count; i++)
            {
                switch (reader.ReadInt32())
                {
                    case Subject: subject = reader.ReadTextString(); break;
                    case Expiry: expiry = reader.ReadInt64(); break;
                    case IssuedAt: issuedAt = reader.ReadInt64(); break;
                    case TokenId: serial = reader.ReadTextString(); break;
                    case TierClaim: tier = reader.ReadInt32(); break;
                    default: reader.SkipValue(); break;
                }
            }
            reader.ReadEndMap();
            if (subject is null || serial is null || expiry is null || issuedAt is null || tier is null || !Enum.IsDefined((Tier)tier.Value))
                return null;
            return new CodeClaims(serial, subject, (Tier)tier.Value,
                DateTimeOffset.FromUnixTimeSeconds(issuedAt.Value), DateTimeOffset.FromUnixTimeSeconds(expiry.Value));
        }
        catch (Exception exception) when (exception is CborContentException or InvalidOperationException or ArgumentOutOfRangeException or FormatException)
        {
            return null;
        }
    }
}

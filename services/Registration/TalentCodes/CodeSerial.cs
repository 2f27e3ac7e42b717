using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Events.V1;

namespace TalentMesh.Registration.TalentCodes;

/// <summary>A talent code serial: what it proves, until when, and whether (and why) it was revoked.</summary>
public sealed record CodeSerial(
    string Serial, string TalentId, Tier Tier, DateTimeOffset IssuedAt, DateTimeOffset ValidUntil,
    DateTimeOffset? RevokedAt = null, TalentCodeRevocationReason RevocationReason = TalentCodeRevocationReason.Unspecified)
{
    public bool Revoked => RevokedAt is not null;

    public static string NewSerial() =>
        System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));
}

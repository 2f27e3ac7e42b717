using TalentMesh.Contracts.Common.V1;

namespace TalentMesh.Registration.TalentCodes;

/// <summary>What a display token asserts: this serial proves this tier for this talent until it expires.</summary>
public sealed record CodeClaims(string Serial, string TalentId, Tier Tier, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);

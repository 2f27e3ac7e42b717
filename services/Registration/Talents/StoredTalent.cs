using TalentMesh.Contracts.Registration.V1;

namespace TalentMesh.Registration.Talents;

/// <summary>
/// A talent as stored: the API's Talent (masked numbers only, no tier — that is the tier projection's) plus the
/// encrypted numbers and the version optimistic concurrency compares.
/// </summary>
public sealed record StoredTalent(Talent Talent, string ProtectedIdentityNumber, string ProtectedPhone, long Version);

using TalentMesh.Contracts.Registration.V1;

namespace TalentMesh.Registration.Credentials;

/// <summary>A credential as stored: the API message, the employer the HR queue filters by, and its version.</summary>
public sealed record StoredCredential(Credential Credential, string EmployerCreditCode, long Version);

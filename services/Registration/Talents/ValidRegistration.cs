using TalentMesh.Contracts.Common.V1;

namespace TalentMesh.Registration.Talents;

/// <summary>A registration request that passed validation, in normalized form (upper-case numbers, 11-digit phone).</summary>
public sealed record ValidRegistration(
    IdentityDocumentType DocumentType,
    string IdentityNumber,
    string IssuingCountry,
    string FullName,
    DateOnly BirthDate,
    Gender Gender,
    string Phone,
    string EmployerCreditCode,
    string IdempotencyKey);

using Google.Protobuf.WellKnownTypes;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Events.V1;

namespace TalentMesh.Evaluation.Tests.Support;

/// <summary>Registration's events as Registration publishes them.</summary>
public static class TalentEvents
{
    public static Google.Type.Date Date(DateOnly date) => new() { Year = date.Year, Month = date.Month, Day = date.Day };

    public static TalentRegistered Registered(string talentId, DateOnly birthDate, DateTimeOffset at,
        IdentityDocumentType document = IdentityDocumentType.ResidentId) => new()
    {
        TalentId = talentId, BirthDate = Date(birthDate), IdentityDocumentType = document, OccurredAt = Timestamp.FromDateTimeOffset(at),
    };

    public static CredentialVerified Verified(string talentId, string credentialId, CredentialAttributes attributes, DateTimeOffset at) => new()
    {
        TalentId = talentId,
        CredentialId = credentialId,
        CredentialType = (CredentialType)(int)attributes.KindCase,
        Attributes = attributes,
        OccurredAt = Timestamp.FromDateTimeOffset(at),
    };

    public static CredentialRevoked Revoked(string talentId, string credentialId, CredentialType type, bool fraud, DateTimeOffset at) => new()
    {
        TalentId = talentId, CredentialId = credentialId, CredentialType = type, Fraud = fraud, Reason = "test", OccurredAt = Timestamp.FromDateTimeOffset(at),
    };

    public static CredentialAttributes Degree(EducationLevel level, DateOnly graduated, bool doubleFirstClass = false) =>
        new() { Degree = new DegreeAttributes { Level = level, GraduationDate = Date(graduated), DoubleFirstClass = doubleFirstClass, Institution = "X", FullTime = true } };

    public static CredentialAttributes Title(ProfessionalTitleLevel level) => new() { ProfessionalTitle = new ProfessionalTitleAttributes { Level = level, Field = "engineering" } };

    public static CredentialAttributes Employment(EmployerCategory category, EmploymentPosition position, DateOnly start) =>
        new() { Employment = new EmploymentAttributes { EmployerCategory = category, Position = position, StartDate = Date(start), EmployerCreditCode = "91350100M000100Y43" } };

    public static CredentialAttributes Income(double multiple, int taxYear) =>
        new() { Income = new IncomeAttributes { MultipleOfAverageWage = multiple, TaxYear = taxYear } };

    public static CredentialAttributes Award(AwardLevel level) => new() { Award = new AwardAttributes { Level = level, AwardTitle = "award", Year = 2020 } };

    public static CredentialAttributes Patent(string number) =>
        new() { Patent = new PatentAttributes { Kind = PatentKind.Invention, PatentNumber = number, InventorRank = 1, GrantedDate = Date(new DateOnly(2021, 3, 1)) } };
}

using Google.Type;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Registration.V1;

namespace TalentMesh.Registration.Tests.Domain;

/// <summary>Valid requests to start from; a test changes the one field it is about.</summary>
public static class Samples
{
    public const string Employer = "91350100M000100Y43";

    /// <summary>Valid numbers of every document type that encodes birth date and gender (DOMAIN examples and computed ones).</summary>
    public static readonly (IdentityDocumentType Type, string Number, string BirthDate, Gender Gender)[] IdentityNumbers =
    [
        (IdentityDocumentType.ResidentId, "11010519491231002X", "1949-12-31", Gender.Female),
        (IdentityDocumentType.ResidentId, "440524188001010014", "1880-01-01", Gender.Male),
        (IdentityDocumentType.ResidentId, "34052419800101001X", "1980-01-01", Gender.Male),
        (IdentityDocumentType.HmtResidence, "810000199408230021", "1994-08-23", Gender.Female),
        (IdentityDocumentType.HmtResidence, "820000199001010010", "1990-01-01", Gender.Male),
        (IdentityDocumentType.HmtResidence, "830000198512120024", "1985-12-12", Gender.Female),
        (IdentityDocumentType.ForeignPermanentResidence, "911398199012310021", "1990-12-31", Gender.Female),
        (IdentityDocumentType.ForeignPermanentResidence, "USA110080010111", "1980-01-01", Gender.Male),
        (IdentityDocumentType.ForeignPermanentResidence, "CAN310092031521", "1992-03-15", Gender.Female),
    ];

    /// <summary>A resident-ID registration whose birth date and gender agree with the number (when it is valid).</summary>
    public static RegisterTalentRequest Registration(string identityNumber = "11010519491231002X", string phone = "13800000000")
    {
        var encoded = TalentMesh.Registration.Identity.IdentityNumbers.Check(IdentityDocumentType.ResidentId, identityNumber, DateOnly.FromDateTime(System.DateTime.UtcNow));
        var birth = encoded.BirthDate ?? new DateOnly(1949, 12, 31);
        return new RegisterTalentRequest
        {
            IdentityDocumentType = IdentityDocumentType.ResidentId,
            IdentityNumber = identityNumber,
            FullName = "张小明",
            BirthDate = new Date { Year = birth.Year, Month = birth.Month, Day = birth.Day },
            Gender = encoded.IsValid ? encoded.Gender : Gender.Female,
            Phone = phone,
            EmployerCreditCode = Employer,
            IdempotencyKey = Guid.NewGuid().ToString(),
        };
    }

    /// <summary>Valid attributes of every credential type, with a reference of the right shape.</summary>
    public static IReadOnlyList<(CredentialAttributes Attributes, string Reference)> AllCredentialTypes =>
    [
        (new() { Degree = new() { Level = EducationLevel.Master, Institution = "浙江大学", Major = "计算机科学", GraduationDate = new Date { Year = 2015, Month = 6, Day = 30 }, FullTime = true } }, "A1B2C3D4E5F6G7H8"),
        (new() { ProfessionalTitle = new() { Level = ProfessionalTitleLevel.AssociateSenior, Field = "电子工程" } }, "ZC-2020-0001"),
        (new() { SkillLevel = new() { Grade = 2, Occupation = "电工" } }, "S330100202100001"),
        (new() { Patent = new() { Kind = PatentKind.Invention, PatentNumber = "ZL202310000000.1", InventorRank = 1, GrantedDate = new Date { Year = 2024, Month = 3, Day = 1 } } }, "ZL202310000000.1"),
        (new() { Award = new() { Level = AwardLevel.Provincial, AwardTitle = "科学技术进步奖", Year = 2022, IssuingBody = "浙江省人民政府" } }, "AWARD-2022-17"),
        (new() { TalentProgram = new() { Level = TalentProgramLevel.National, ProgramTitle = "国家级人才计划", Year = 2021 } }, "TP-2021-0042"),
        (new() { SocialInsurance = new() { ContinuousMonthsInZone = 36, EmployerCreditCode = Employer, AsOf = new Date { Year = 2026, Month = 11, Day = 1 } } }, "SI-330100-778"),
        (new() { Income = new() { AnnualTaxableIncome = new Money { CurrencyCode = "CNY", Units = 450_000 }, TaxYear = 2025, MultipleOfAverageWage = 3.2 } }, "TAX-2025-991"),
        (new() { Employment = new() { EmployerCreditCode = Employer, Position = EmploymentPosition.CoreTechnical, StartDate = new Date { Year = 2023, Month = 1, Day = 9 }, EmployerCategory = EmployerCategory.HighTech } }, "HT-2023-0001"),
    ];

    public static SubmitCredentialRequest Submission(string talentId, CredentialAttributes attributes, string reference)
    {
        var request = new SubmitCredentialRequest
        {
            TalentId = talentId,
            Attributes = attributes,
            VerificationReference = reference,
            IdempotencyKey = Guid.NewGuid().ToString(),
        };
        request.Evidence.Add(new Evidence { ContentHash = "sha256:" + new string('a', 64), MediaType = "application/pdf", SizeBytes = 120_000, Description = "scan" });
        return request;
    }
}

using TalentMesh.Contracts.Common.V1;

namespace TalentMesh.EndToEnd.Tests.Support;

/// <summary>Credential attributes of the default rule set's indicators (points in docs/rules and high-tech-zone.json).</summary>
public static class Credentials
{
    /// <summary>Education: doctor 25 points; a domestic degree's reference is a 学信网 code.</summary>
    public static (CredentialAttributes, string) Doctorate() =>
        (new() { Degree = new() { Level = EducationLevel.Doctor, Institution = "浙江大学", Major = "计算机科学", GraduationDate = People.Date(new DateOnly(2012, 7, 1)), FullTime = true } }, "A1B2C3D4E5F6G7H8");

    public static (CredentialAttributes, string) Bachelor() =>
        (new() { Degree = new() { Level = EducationLevel.Bachelor, Institution = "浙江大学", Major = "数学", GraduationDate = People.Date(new DateOnly(2020, 6, 30)), FullTime = true } }, "B1B2C3D4E5F6G7H8");

    /// <summary>High-tech employer 15 + executive position 20.</summary>
    public static (CredentialAttributes, string) HighTechExecutive() =>
        (new() { Employment = new() { EmployerCreditCode = People.Employer, Position = EmploymentPosition.Executive, StartDate = People.Date(new DateOnly(2020, 1, 1)), EmployerCategory = EmployerCategory.HighTech } }, "HT-2020-0001");

    /// <summary>3.5 × the average wage: 20 points.</summary>
    public static (CredentialAttributes, string) Income() =>
        (new() { Income = new() { AnnualTaxableIncome = new Google.Type.Money { CurrencyCode = "CNY", Units = 450_000 }, TaxYear = 2025, MultipleOfAverageWage = 3.5 } }, "TAX-2025-991");

    /// <summary>National award: 30 points.</summary>
    public static (CredentialAttributes, string) NationalAward() =>
        (new() { Award = new() { Level = AwardLevel.National, AwardTitle = "国家科学技术进步奖", Year = 2022, IssuingBody = "国务院" } }, "AWARD-2022-17");

    /// <summary>A talent program: national recognises tier B directly, provincial tier C.</summary>
    public static (CredentialAttributes, string) TalentProgram(TalentProgramLevel level) =>
        (new() { TalentProgram = new() { Level = level, ProgramTitle = "人才计划", Year = 2021 } }, "TP-2021-0042");
}

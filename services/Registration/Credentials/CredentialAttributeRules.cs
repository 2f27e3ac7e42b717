using TalentMesh.Contracts.Common.V1;
using TalentMesh.Registration.Identity;
using TalentMesh.Registration.Validation;

namespace TalentMesh.Registration.Credentials;

/// <summary>
/// Type-specific checks of credential attributes: plausible dates, number formats, levels in range. Field names are
/// paths from the request root, e.g. "attributes.degree.graduation_date".
/// </summary>
public static partial class CredentialAttributeRules
{
    /// <summary>Degrees and records older than this are not plausible for a working talent.</summary>
    private static readonly DateOnly EarliestRecord = new(1950, 1, 1);

    /// <summary>China's patent law took effect on 1 April 1985; no patent was granted before.</summary>
    private static readonly DateOnly EarliestPatent = new(1985, 4, 1);

    public static CredentialType TypeOf(CredentialAttributes? attributes) => attributes?.KindCase switch
    {
        CredentialAttributes.KindOneofCase.Degree => CredentialType.Degree,
        CredentialAttributes.KindOneofCase.ProfessionalTitle => CredentialType.ProfessionalTitle,
        CredentialAttributes.KindOneofCase.SkillLevel => CredentialType.SkillLevel,
        CredentialAttributes.KindOneofCase.Patent => CredentialType.Patent,
        CredentialAttributes.KindOneofCase.Award => CredentialType.Award,
        CredentialAttributes.KindOneofCase.TalentProgram => CredentialType.TalentProgram,
        CredentialAttributes.KindOneofCase.SocialInsurance => CredentialType.SocialInsurance,
        CredentialAttributes.KindOneofCase.Income => CredentialType.Income,
        CredentialAttributes.KindOneofCase.Employment => CredentialType.Employment,
        _ => CredentialType.Unspecified,
    };

    public static void Check(CredentialAttributes? attributes, string field, DateOnly today, Violations violations)
    {
        switch (attributes?.KindCase)
        {
            case CredentialAttributes.KindOneofCase.Degree: Degree(attributes.Degree, $"{field}.degree", today, violations); break;
            case CredentialAttributes.KindOneofCase.ProfessionalTitle: Title(attributes.ProfessionalTitle, $"{field}.professional_title", violations); break;
            case CredentialAttributes.KindOneofCase.SkillLevel: Skill(attributes.SkillLevel, $"{field}.skill_level", violations); break;
            case CredentialAttributes.KindOneofCase.Patent: Patent(attributes.Patent, $"{field}.patent", today, violations); break;
            case CredentialAttributes.KindOneofCase.Award: Award(attributes.Award, $"{field}.award", today, violations); break;
            case CredentialAttributes.KindOneofCase.TalentProgram: Program(attributes.TalentProgram, $"{field}.talent_program", today, violations); break;
            case CredentialAttributes.KindOneofCase.SocialInsurance: Insurance(attributes.SocialInsurance, $"{field}.social_insurance", today, violations); break;
            case CredentialAttributes.KindOneofCase.Income: Income(attributes.Income, $"{field}.income", today, violations); break;
            case CredentialAttributes.KindOneofCase.Employment: Employment(attributes.Employment, $"{field}.employment", today, violations); break;
            default: violations.Add(field, "must set exactly one credential kind"); break;
        }
    }

    private static void Degree(DegreeAttributes degree, string field, DateOnly today, Violations violations)
    {
        violations.AddIf($"{field}.level", FieldRules.EnumValue(degree.Level));
        violations.AddIf($"{field}.institution", FieldRules.Text(degree.Institution, 100));
        violations.AddIf($"{field}.major", FieldRules.Text(degree.Major, 100));
        violations.AddIf($"{field}.graduation_date", FieldRules.Date(degree.GraduationDate, EarliestRecord, today));
    }

    private static void Title(ProfessionalTitleAttributes title, string field, Violations violations)
    {
        violations.AddIf($"{field}.level", FieldRules.EnumValue(title.Level));
        violations.AddIf($"{field}.field", FieldRules.Text(title.Field, 100));
    }

    private static void Skill(SkillLevelAttributes skill, string field, Violations violations)
    {
        if (skill.Grade is < 1 or > 5)
            violations.Add($"{field}.grade", "must be 1 (highest) to 5 (lowest)");
        violations.AddIf($"{field}.occupation", FieldRules.Text(skill.Occupation, 100));
    }

    private static void Patent(PatentAttributes patent, string field, DateOnly today, Violations violations)
    {
        violations.AddIf($"{field}.kind", FieldRules.EnumValue(patent.Kind));
        if (!PatentNumberPattern().IsMatch(patent.PatentNumber))
            violations.Add($"{field}.patent_number", "must be a CNIPA number such as ZL202310000000.1");
        if (patent.InventorRank is < 1 or > 100)
            violations.Add($"{field}.inventor_rank", "must be 1 (first inventor) to 100");
        violations.AddIf($"{field}.granted_date", FieldRules.Date(patent.GrantedDate, EarliestPatent, today));
    }

    private static void Award(AwardAttributes award, string field, DateOnly today, Violations violations)
    {
        violations.AddIf($"{field}.level", FieldRules.EnumValue(award.Level));
        violations.AddIf($"{field}.award_title", FieldRules.Text(award.AwardTitle, 100));
        violations.AddIf($"{field}.year", FieldRules.Year(award.Year, EarliestRecord.Year, today.Year));
        violations.AddIf($"{field}.issuing_body", FieldRules.Text(award.IssuingBody, 100));
    }

    private static void Program(TalentProgramAttributes program, string field, DateOnly today, Violations violations)
    {
        violations.AddIf($"{field}.level", FieldRules.EnumValue(program.Level));
        violations.AddIf($"{field}.program_title", FieldRules.Text(program.ProgramTitle, 100));
        violations.AddIf($"{field}.year", FieldRules.Year(program.Year, EarliestRecord.Year, today.Year));
    }

    private static void Insurance(SocialInsuranceAttributes insurance, string field, DateOnly today, Violations violations)
    {
        // Fifty years of continuous contributions is the most a working life holds.
        if (insurance.ContinuousMonthsInZone is < 1 or > 600)
            violations.Add($"{field}.continuous_months_in_zone", "must be 1 to 600");
        violations.AddIf($"{field}.employer_credit_code", UnifiedSocialCreditCode.Error(insurance.EmployerCreditCode));
        violations.AddIf($"{field}.as_of", FieldRules.Date(insurance.AsOf, EarliestRecord, today));
    }

    private static void Income(IncomeAttributes income, string field, DateOnly today, Violations violations)
    {
        var money = income.AnnualTaxableIncome;
        if (money is null || money.CurrencyCode != "CNY" || money.Units < 0 || money.Nanos is < 0 or > 999_999_999
            || (money.Units == 0 && money.Nanos == 0) || money.Units > 1_000_000_000_000)
            violations.Add($"{field}.annual_taxable_income", "must be a positive CNY amount");
        // A tax year is assessed after it ends: the current year cannot have a tax record yet.
        violations.AddIf($"{field}.tax_year", FieldRules.Year(income.TaxYear, 2000, today.Year - 1));
        if (!double.IsFinite(income.MultipleOfAverageWage) || income.MultipleOfAverageWage is <= 0 or > 1000)
            violations.Add($"{field}.multiple_of_average_wage", "must be greater than 0 and at most 1000");
    }

    private static void Employment(EmploymentAttributes employment, string field, DateOnly today, Violations violations)
    {
        violations.AddIf($"{field}.employer_credit_code", UnifiedSocialCreditCode.Error(employment.EmployerCreditCode));
        violations.AddIf($"{field}.position", FieldRules.EnumValue(employment.Position));
        violations.AddIf($"{field}.start_date", FieldRules.Date(employment.StartDate, EarliestRecord, today));
        violations.AddIf($"{field}.employer_category", FieldRules.EnumValue(employment.EmployerCategory));
    }

    /// <summary>"ZL" + application number (8 digits before 2003, 12 since) + "." + check digit (0–9 or X).</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^ZL(\d{8}|\d{12})\.[0-9X]$")]
    private static partial System.Text.RegularExpressions.Regex PatentNumberPattern();
}

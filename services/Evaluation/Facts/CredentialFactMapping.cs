using TalentMesh.Contracts.Common.V1;
using TalentMesh.EventBus.Handling;

namespace TalentMesh.Evaluation.Facts;

/// <summary>
/// Which base facts a verified credential's attributes contribute (the table in docs/facts.md), and the date that
/// makes one credential newer than another of its kind ("latest" facts such as income or employer).
/// Attributes that do not match their credential type, or carry no value, are a malformed event.
/// </summary>
public static class CredentialFactMapping
{
    public static (Dictionary<string, FactValue> Facts, DateOnly? Recency) Contributions(CredentialType type, CredentialAttributes? attributes)
    {
        if (attributes is null || attributes.KindCase == CredentialAttributes.KindOneofCase.None)
            throw new PoisonEventException("credential.verified carries no attributes");
        if ((int)attributes.KindCase != (int)type)
            throw new PoisonEventException($"attributes {attributes.KindCase} do not match credential type {type}");
        var facts = new Dictionary<string, FactValue>();
        DateOnly? recency = null;
        switch (attributes.KindCase)
        {
            case CredentialAttributes.KindOneofCase.Degree:
                var degree = attributes.Degree;
                facts[FactNames.Education] = FactValue.Of(Level(degree.Level));
                if (Date(degree.GraduationDate) is { } graduated)
                    (facts[FactNames.GraduationDate], recency) = (FactValue.Of(graduated), graduated);
                facts[FactNames.DoubleFirstClassGraduate] = FactValue.Of(degree.DoubleFirstClass);
                if (degree.Overseas)
                    facts[FactNames.ReturneeOrForeign] = FactValue.Of(true);
                break;
            case CredentialAttributes.KindOneofCase.ProfessionalTitle:
                facts[FactNames.ProfessionalTitle] = FactValue.Of(Level(attributes.ProfessionalTitle.Level));
                break;
            case CredentialAttributes.KindOneofCase.SkillLevel:
                var grade = attributes.SkillLevel.Grade;
                facts[FactNames.SkillLevel] = grade is >= 1 and <= 5 ? FactValue.Of($"level_{grade}") : throw Malformed("skill_level.grade", grade);
                break;
            case CredentialAttributes.KindOneofCase.Patent:
                // Utility models and designs earn nothing in the vocabulary; they are kept as verified all the same.
                if (attributes.Patent.Kind == PatentKind.Invention)
                    facts[FactNames.InventionPatents] = FactValue.Of(1m);
                recency = Date(attributes.Patent.GrantedDate);
                break;
            case CredentialAttributes.KindOneofCase.Award:
                facts[FactNames.AwardLevel] = FactValue.Of(Level(attributes.Award.Level));
                if (attributes.Award.Level == TalentMesh.Contracts.Common.V1.AwardLevel.WorldClass)
                    facts[FactNames.WorldClassAward] = FactValue.Of(true);
                break;
            case CredentialAttributes.KindOneofCase.TalentProgram:
                facts[FactNames.TalentProgram] = FactValue.Of(Level(attributes.TalentProgram.Level));
                break;
            case CredentialAttributes.KindOneofCase.SocialInsurance:
                var insurance = attributes.SocialInsurance;
                if (insurance.ContinuousMonthsInZone < 0)
                    throw Malformed("social_insurance.continuous_months_in_zone", insurance.ContinuousMonthsInZone);
                recency = Date(insurance.AsOf) ?? throw Malformed("social_insurance.as_of", "missing");
                facts[FactNames.SocialInsuranceMonths] = FactValue.Of(insurance.ContinuousMonthsInZone);
                facts[FactNames.SocialInsuranceAsOf] = FactValue.Of(recency.Value);
                break;
            case CredentialAttributes.KindOneofCase.Income:
                var income = attributes.Income;
                if (income.MultipleOfAverageWage < 0 || double.IsNaN(income.MultipleOfAverageWage) || income.MultipleOfAverageWage > 1000)
                    throw Malformed("income.multiple_of_average_wage", income.MultipleOfAverageWage);
                facts[FactNames.IncomeMultiple] = FactValue.Of(Math.Round((decimal)income.MultipleOfAverageWage, 2));
                recency = income.TaxYear is > 0 and < 10000 ? new DateOnly(income.TaxYear, 1, 1) : null;
                break;
            case CredentialAttributes.KindOneofCase.Employment:
                var employment = attributes.Employment;
                if (EmployerType(employment.EmployerCategory) is { } employer)
                    facts[FactNames.EmployerType] = FactValue.Of(employer);
                if (Position(employment.Position) is { } position)
                    facts[FactNames.Position] = FactValue.Of(position);
                recency = Date(employment.StartDate);
                break;
        }
        return (facts, recency);
    }

    private static string Level(EducationLevel level) => level switch
    {
        EducationLevel.JuniorCollege => "junior_college",
        EducationLevel.Bachelor => "bachelor",
        EducationLevel.BachelorWithDegree => "bachelor_degree",
        EducationLevel.Master => "master",
        EducationLevel.Doctor => "doctor",
        _ => throw Malformed("degree.level", level),
    };

    private static string Level(ProfessionalTitleLevel level) => level switch
    {
        ProfessionalTitleLevel.Junior => "junior",
        ProfessionalTitleLevel.Intermediate => "intermediate",
        ProfessionalTitleLevel.AssociateSenior => "associate_senior",
        ProfessionalTitleLevel.Senior => "senior",
        _ => throw Malformed("professional_title.level", level),
    };

    private static string Level(AwardLevel level) => level switch
    {
        TalentMesh.Contracts.Common.V1.AwardLevel.Municipal => "municipal",
        TalentMesh.Contracts.Common.V1.AwardLevel.Provincial => "provincial",
        TalentMesh.Contracts.Common.V1.AwardLevel.National => "national",
        // The award table's levels stop at national; a world-class award scores there too and adds world_class_award.
        TalentMesh.Contracts.Common.V1.AwardLevel.WorldClass => "national",
        _ => throw Malformed("award.level", level),
    };

    private static string Level(TalentProgramLevel level) => level switch
    {
        TalentProgramLevel.Municipal => "municipal",
        TalentProgramLevel.Provincial => "provincial",
        TalentProgramLevel.National => "national",
        TalentProgramLevel.WorldClass => "world_class",
        _ => throw Malformed("talent_program.level", level),
    };

    private static string? EmployerType(EmployerCategory category) => category switch
    {
        EmployerCategory.LittleGiant => "little_giant",
        EmployerCategory.NationalHightechLeading => "national_hightech_leading",
        EmployerCategory.HighTech => "hightech_enterprise",
        EmployerCategory.TechSme => "tech_sme",
        EmployerCategory.OtherInZone => "other_in_zone",
        _ => null,
    };

    private static string? Position(EmploymentPosition position) => position switch
    {
        EmploymentPosition.Executive => "executive",
        EmploymentPosition.MajorShareholder => "shareholder_10pct",
        EmploymentPosition.CoreTechnical => "core_technical",
        EmploymentPosition.Staff => "other",
        _ => null,
    };

    /// <summary>A calendar date, or null when unset (all zero); an impossible date is a malformed event.</summary>
    public static DateOnly? Date(Google.Type.Date? date)
    {
        if (date is null || (date.Year == 0 && date.Month == 0 && date.Day == 0))
            return null;
        try
        {
            return new DateOnly(date.Year, date.Month, date.Day);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw Malformed("date", $"{date.Year}-{date.Month}-{date.Day}");
        }
    }

    private static PoisonEventException Malformed(string field, object value) => new($"{field} has an impossible value '{value}'");
}

namespace TalentMesh.Evaluation.Facts;

/// <summary>The one facts vocabulary (docs/facts.md): the names the default rule set declares plus dated base facts.</summary>
public static class FactNames
{
    public const string Age = "age";
    public const string Education = "education";
    public const string ProfessionalTitle = "professional_title";
    public const string SkillLevel = "skill_level";
    public const string ReturneeOrForeign = "returnee_or_foreign";
    public const string DoubleFirstClassGraduate = "double_first_class_graduate";
    public const string YearsSinceGraduation = "years_since_graduation";
    public const string EmployerType = "employer_type";
    public const string Position = "position";
    public const string IncomeMultiple = "income_multiple";
    public const string InventionPatents = "invention_patents";
    public const string AwardLevel = "award_level";
    public const string SocialInsuranceMonths = "social_insurance_months";
    public const string FalsifiedMaterials = "falsified_materials";
    public const string CreditBlacklisted = "credit_blacklisted";
    public const string TalentProgram = "talent_program";
    public const string WorldClassAward = "world_class_award";

    // Dated base facts behind the time-moving ones.
    public const string BirthDate = "birth_date";
    public const string GraduationDate = "graduation_date";
    public const string SocialInsuranceAsOf = "social_insurance_as_of";

    /// <summary>Category values lowest first, so "highest" is a comparison of positions.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Ordered = new Dictionary<string, string[]>
    {
        [Education] = ["junior_college", "bachelor", "bachelor_degree", "master", "doctor"],
        [ProfessionalTitle] = ["junior", "intermediate", "associate_senior", "senior"],
        [SkillLevel] = ["level_5", "level_4", "level_3", "level_2", "level_1"],
        [AwardLevel] = ["municipal", "provincial", "national"],
        [TalentProgram] = ["municipal", "provincial", "national", "world_class"],
    };
}

using Google.Type;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Registration.Credentials;
using TalentMesh.Registration.Talents;
using TalentMesh.ServiceDefaults.Errors;

namespace TalentMesh.Registration.Tests.Domain;

public sealed class ValidationTests
{
    private static readonly DateOnly Today = new(2026, 12, 2);

    [Fact]
    public void RegistrationValidator_ValidRequest_Normalizes()
    {
        var request = Samples.Registration(phone: "+8613800000000");
        request.IdentityNumber = "11010519491231002x";

        var valid = RegistrationValidator.Validate(request, Today);

        Assert.Equal("11010519491231002X", valid.IdentityNumber);
        Assert.Equal("13800000000", valid.Phone);
    }

    [Fact]
    public void RegistrationValidator_ManyBadFields_NamesEachOfThem()
    {
        var request = Samples.Registration();
        request.Gender = Gender.Male;
        request.BirthDate = new Date { Year = 1950, Month = 1, Day = 1 };
        request.Phone = "12345";
        request.EmployerCreditCode = "91350100M000100Y44";
        request.FullName = "";
        request.IdempotencyKey = "";

        var failure = Assert.Throws<ValidationFailedException>(() => RegistrationValidator.Validate(request, Today));

        Assert.Equal(["birth_date", "employer_credit_code", "full_name", "gender", "idempotency_key", "phone"],
            failure.Violations.Select(v => v.Field).Order().ToArray());
    }

    [Fact]
    public void RegistrationValidator_PassportWithoutCountry_NamesIssuingCountry()
    {
        var request = Samples.Registration("E12345678");
        request.IdentityDocumentType = IdentityDocumentType.Passport;

        var failure = Assert.Throws<ValidationFailedException>(() => RegistrationValidator.Validate(request, Today));

        Assert.Equal("issuing_country", Assert.Single(failure.Violations).Field);
    }

    [Fact]
    public void SubmissionRules_EveryCredentialType_ValidSampleAccepted()
    {
        foreach (var (attributes, reference) in Samples.AllCredentialTypes)
            SubmissionRules.Validate(Samples.Submission("t-1", attributes, reference), Today);
    }

    [Fact]
    public void SubmissionRules_EveryCredentialType_ImplausibleValuesNamed()
    {
        var samples = Samples.AllCredentialTypes;
        var broken = new (int Index, Action<CredentialAttributes> Break, string Field)[]
        {
            (0, a => a.Degree.GraduationDate = new Date { Year = 2030, Month = 1, Day = 1 }, "attributes.degree.graduation_date"),
            (1, a => a.ProfessionalTitle.Level = (ProfessionalTitleLevel)99, "attributes.professional_title.level"),
            (2, a => a.SkillLevel.Grade = 6, "attributes.skill_level.grade"),
            (3, a => a.Patent.PatentNumber = "ZL2023100000.1", "attributes.patent.patent_number"),
            (4, a => a.Award.Year = 1900, "attributes.award.year"),
            (5, a => a.TalentProgram.Level = TalentProgramLevel.Unspecified, "attributes.talent_program.level"),
            (6, a => a.SocialInsurance.EmployerCreditCode = "91350100M000100Y44", "attributes.social_insurance.employer_credit_code"),
            (7, a => a.Income.MultipleOfAverageWage = double.NaN, "attributes.income.multiple_of_average_wage"),
            (8, a => a.Employment.StartDate = new Date { Year = 2023, Month = 2, Day = 30 }, "attributes.employment.start_date"),
        };
        foreach (var (index, breakIt, field) in broken)
        {
            var attributes = samples[index].Attributes.Clone();
            breakIt(attributes);
            var failure = Assert.Throws<ValidationFailedException>(() => SubmissionRules.Validate(Samples.Submission("t-1", attributes, samples[index].Reference), Today));
            Assert.Equal(field, Assert.Single(failure.Violations).Field);
        }
    }

    [Fact]
    public void SubmissionRules_BadEvidenceAndReference_NamesEachField()
    {
        var (attributes, _) = Samples.AllCredentialTypes[0];
        var request = Samples.Submission("t-1", attributes, "not-a-chsi-code");
        request.Evidence[0].ContentHash = "md5:abc";
        request.Evidence.Add(new TalentMesh.Contracts.Registration.V1.Evidence { ContentHash = "sha256:" + new string('b', 64), MediaType = "text/html", SizeBytes = 0 });

        var failure = Assert.Throws<ValidationFailedException>(() => SubmissionRules.Validate(request, Today));

        Assert.Equal(["evidence[0].content_hash", "evidence[1].media_type", "evidence[1].size_bytes", "verification_reference"],
            failure.Violations.Select(v => v.Field).Order().ToArray());
    }

    [Fact]
    public void SubmissionRules_NoKindSet_NamesAttributes()
    {
        var request = Samples.Submission("t-1", new CredentialAttributes(), "REF-0001");
        var failure = Assert.Throws<ValidationFailedException>(() => SubmissionRules.Validate(request, Today));
        Assert.Contains(failure.Violations, v => v.Field == "attributes");
    }
}

using TalentMesh.Contracts.Common.V1;
using TalentMesh.Evaluation.Facts;
using static TalentMesh.Evaluation.Tests.Support.TalentEvents;

namespace TalentMesh.Evaluation.Tests.Facts;

public sealed class FactDerivationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 10, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 6, 15);

    private static CredentialRecord Verified(string id, CredentialAttributes attributes, DateTimeOffset at)
    {
        var (facts, recency) = CredentialFactMapping.Contributions((CredentialType)(int)attributes.KindCase, attributes);
        return new CredentialRecord(id, CredentialState.Verified, at, false, facts, recency);
    }

    private static NamedFact Fact(IReadOnlyList<NamedFact> facts, string name) => Assert.Single(facts, f => f.Name == name);

    [Fact]
    public void Derive_TwoDegrees_HighestEducationWithItsCredential()
    {
        var talent = TalentFacts.Empty("t")
            .WithCredential(Verified("c-bachelor", Degree(EducationLevel.BachelorWithDegree, new DateOnly(2015, 7, 1)), T0))!
            .WithCredential(Verified("c-master", Degree(EducationLevel.Master, new DateOnly(2018, 7, 1)), T0))!;

        var facts = FactDerivation.Derive(talent, Today);

        Assert.Equal("master", Fact(facts, "education").Value.Category);
        Assert.Equal(["c-master"], Fact(facts, "education").CredentialIds);
        // The latest graduation (2018-07-01) counts: 7 years 11 months → 7.5 years in half-year steps.
        Assert.Equal(7.5m, Fact(facts, "years_since_graduation").Value.Number);
    }

    [Fact]
    public void Derive_BirthDate_AgeInFullYearsOnTheDay()
    {
        var talent = TalentFacts.Empty("t").WithRegistration(new RegistrationRecord(new DateOnly(1990, 6, 15), false, T0))!;

        Assert.Equal(36m, Fact(FactDerivation.Derive(talent, Today), "age").Value.Number);
        Assert.Equal(35m, Fact(FactDerivation.Derive(talent, Today.AddDays(-1)), "age").Value.Number);
    }

    [Fact]
    public void Derive_SocialInsurance_GrowsWithTimeFromAsOf()
    {
        var insurance = new CredentialAttributes { SocialInsurance = new SocialInsuranceAttributes { ContinuousMonthsInZone = 10, AsOf = Date(new DateOnly(2026, 1, 15)) } };
        var talent = TalentFacts.Empty("t").WithCredential(Verified("c-si", insurance, T0))!;

        Assert.Equal(15m, Fact(FactDerivation.Derive(talent, Today), "social_insurance_months").Value.Number);
    }

    [Fact]
    public void WithCredential_RevokedForFraud_WithdrawsFactsAndCountsFalsified()
    {
        var talent = TalentFacts.Empty("t").WithCredential(Verified("c-1", Title(ProfessionalTitleLevel.Senior), T0))!;
        var revoked = talent.WithCredential(new CredentialRecord("c-1", CredentialState.Revoked, T0.AddDays(1), true, new Dictionary<string, FactValue>(), null))!;

        var facts = FactDerivation.Derive(revoked, Today);

        Assert.DoesNotContain(facts, f => f.Name == "professional_title");
        Assert.Equal(1m, Fact(facts, "falsified_materials").Value.Number);
        Assert.Equal(["c-1"], Fact(facts, "falsified_materials").CredentialIds);
    }

    [Fact]
    public void WithCredential_OlderDecision_IsIgnored()
    {
        var talent = TalentFacts.Empty("t")
            .WithCredential(new CredentialRecord("c-1", CredentialState.Revoked, T0.AddDays(2), false, new Dictionary<string, FactValue>(), null))!;

        Assert.Null(talent.WithCredential(Verified("c-1", Title(ProfessionalTitleLevel.Senior), T0.AddDays(1))));
        Assert.Null(talent.WithCredential(talent.Credentials["c-1"]));
    }

    [Fact]
    public void Derive_WorldClassAward_FlagAndNationalAwardLevelFromTheAward()
    {
        var talent = TalentFacts.Empty("t").WithCredential(Verified("c-award", Award(AwardLevel.WorldClass), T0))!;

        var facts = FactDerivation.Derive(talent, Today);

        Assert.True(Fact(facts, "world_class_award").Value.Flag);
        Assert.Equal(["c-award"], Fact(facts, "world_class_award").CredentialIds);
        Assert.Equal("national", Fact(facts, "award_level").Value.Category);
    }

    [Fact]
    public void Derive_NationalAward_NoWorldClassFlag()
    {
        var talent = TalentFacts.Empty("t").WithCredential(Verified("c-award", Award(AwardLevel.National), T0))!;

        Assert.DoesNotContain(FactDerivation.Derive(talent, Today), f => f.Name == "world_class_award");
    }

    [Fact]
    public void Contributions_NationalHightechLeadingEmployer_ItsOwnEmployerType()
    {
        var (facts, _) = CredentialFactMapping.Contributions(CredentialType.Employment,
            Employment(EmployerCategory.NationalHightechLeading, EmploymentPosition.Staff, new DateOnly(2022, 1, 1)));

        Assert.Equal("national_hightech_leading", facts["employer_type"].Category);
    }

    [Fact]
    public void Contributions_AttributesOfAnotherType_ArePoison()
    {
        Assert.Throws<TalentMesh.EventBus.Handling.PoisonEventException>(() =>
            CredentialFactMapping.Contributions(CredentialType.Patent, Title(ProfessionalTitleLevel.Senior)));
        Assert.Throws<TalentMesh.EventBus.Handling.PoisonEventException>(() =>
            CredentialFactMapping.Contributions(CredentialType.Degree, new CredentialAttributes()));
    }
}

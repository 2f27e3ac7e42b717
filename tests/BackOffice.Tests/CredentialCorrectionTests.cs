using Bunit;
using Google.Protobuf.WellKnownTypes;
using TalentMesh.BackOffice.Credentials;
using TalentMesh.BackOffice.Tests.Fakes;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Registration.V1;

namespace TalentMesh.BackOffice.Tests;

/// <summary>Verify with corrected attributes: the fields of the credential's own kind, local and server errors beside them.</summary>
public sealed class CredentialCorrectionTests
{
    private static CredentialAttributes Degree() => new()
    {
        Degree = new DegreeAttributes
        {
            Level = EducationLevel.Master, Institution = "Fuzhou University", Major = "EE", FullTime = true,
            GraduationDate = new Google.Type.Date { Year = 2015, Month = 7, Day = 1 },
        },
    };

    private static Credential Submitted(CredentialAttributes attributes) => new()
    {
        CredentialId = "cred-1",
        TalentId = "talent-1",
        Status = CredentialStatus.Submitted,
        CredentialType = CredentialType.Degree,
        Attributes = attributes,
        SubmittedAt = Timestamp.FromDateTime(new DateTime(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc)),
    };

    private static IRenderedComponent<CredentialDecisionPanel> Render(ConsoleTestContext context, CredentialAttributes attributes)
    {
        context.Credentials.OnVerify = request => new Credential(Submitted(request.CorrectedAttributes ?? attributes)) { Status = CredentialStatus.Verified };
        var panel = context.RenderInPage<CredentialDecisionPanel>(p => p.Add(x => x.Credential, Submitted(attributes)));
        panel.Find("#verify-correct").Change(true);
        return panel;
    }

    private static AngleSharp.Dom.IElement FieldControl(IRenderedComponent<CredentialDecisionPanel> panel, string id) =>
        panel.Find("#" + id).Closest(".mud-input-control") ?? throw new InvalidOperationException($"#{id} is not inside an input control");

    [Fact]
    public async Task Corrections_OfferEveryFieldOfTheCredentialsKind_FilledWithTheSubmittedValues()
    {
        await using var context = new ConsoleTestContext();
        var panel = Render(context, Degree());

        var fields = panel.FindAll("[data-testid=corrections] [data-field]").Select(e => e.GetAttribute("data-field")).Distinct().ToList();

        Assert.Equal(DegreeAttributes.Descriptor.Fields.InFieldNumberOrder().Select(f => "corrected_attributes.degree." + f.Name), fields);
        Assert.Equal("2015-07-01", panel.Find("#correct-graduation-date").GetAttribute("value"));
        Assert.Equal("Fuzhou University", panel.Find("#correct-institution").GetAttribute("value"));
    }

    [Fact]
    public async Task Verify_WithChangedFields_SendsTheCorrectedAttributes()
    {
        await using var context = new ConsoleTestContext();
        var panel = Render(context, Degree());

        panel.Find("#correct-graduation-date").Change("2016-01-15");
        panel.Find("#correct-institution").Change("Xiamen University");
        panel.Find("#correct-overseas").Change(true);
        panel.Find("[data-testid=verify]").Click();

        var corrected = Assert.Single(context.Credentials.VerifyRequests).CorrectedAttributes.Degree;
        Assert.Equal(new Google.Type.Date { Year = 2016, Month = 1, Day = 15 }, corrected.GraduationDate);
        Assert.Equal("Xiamen University", corrected.Institution);
        Assert.True(corrected.Overseas);
        Assert.Equal(EducationLevel.Master, corrected.Level);
        Assert.Equal("EE", corrected.Major);
    }

    [Fact]
    public async Task Verify_CorrectionsOpenButUnchanged_SendsNoCorrection()
    {
        await using var context = new ConsoleTestContext();
        var panel = Render(context, Degree());

        panel.Find("[data-testid=verify]").Click();

        Assert.Null(Assert.Single(context.Credentials.VerifyRequests).CorrectedAttributes);
    }

    [Fact]
    public async Task Verify_UnreadableDate_ShownBesideTheFieldAndNothingSent()
    {
        await using var context = new ConsoleTestContext();
        var panel = Render(context, Degree());

        panel.Find("#correct-graduation-date").Change("15/01/2016");
        panel.Find("[data-testid=verify]").Click();

        Assert.Contains("Enter a date as yyyy-MM-dd.", FieldControl(panel, "correct-graduation-date").TextContent);
        Assert.Empty(context.Credentials.VerifyRequests);
    }

    [Fact]
    public async Task Verify_ServerFieldViolation_ShownBesideTheCorrectedField()
    {
        await using var context = new ConsoleTestContext();
        var panel = Render(context, Degree());
        context.Credentials.OnVerify = _ => throw FakeCall.FieldViolations(("corrected_attributes.degree.graduation_date", "must not be in the future"));

        panel.Find("#correct-graduation-date").Change("2099-07-01");
        panel.Find("[data-testid=verify]").Click();

        Assert.Contains("must not be in the future", FieldControl(panel, "correct-graduation-date").TextContent);
        Assert.DoesNotContain("must not be in the future", FieldControl(panel, "correct-institution").TextContent);
        Assert.Empty(panel.FindAll("[data-testid=decision-violation]"));
    }

    [Fact]
    public async Task Verify_IncomeInYuanWithAFractionOfAFen_RefusedLocally()
    {
        await using var context = new ConsoleTestContext();
        var income = new CredentialAttributes { Income = new IncomeAttributes { TaxYear = 2025, MultipleOfAverageWage = 3.2, AnnualTaxableIncome = new Google.Type.Money { CurrencyCode = "CNY", Units = 350000 } } };
        var panel = Render(context, income);
        Assert.Equal("350000.00", panel.Find("#correct-annual-taxable-income").GetAttribute("value"));

        panel.Find("#correct-annual-taxable-income").Change("350000.005");
        panel.Find("[data-testid=verify]").Click();
        Assert.Contains("at most two decimals", FieldControl(panel, "correct-annual-taxable-income").TextContent);
        Assert.Empty(context.Credentials.VerifyRequests);

        panel.Find("#correct-annual-taxable-income").Change("360000.50");
        panel.Find("#correct-multiple-of-average-wage").Change("3.4");
        panel.Find("[data-testid=verify]").Click();
        var corrected = Assert.Single(context.Credentials.VerifyRequests).CorrectedAttributes.Income;
        Assert.Equal(new Google.Type.Money { CurrencyCode = "CNY", Units = 360000, Nanos = 500_000_000 }, corrected.AnnualTaxableIncome);
        Assert.Equal(3.4, corrected.MultipleOfAverageWage);
        Assert.Equal(2025, corrected.TaxYear);
    }
}
